//! Two `kizuna serve` processes on different ports sharing one PostgreSQL: a change to the
//! record (here a partnership added with `kizuna ingest`, a third process) is visible through
//! both — listing, pages, search and feeds — within 2 seconds, with neither restarted.

mod common;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{Server, free_port, get, wait_for};

fn kizuna(url: &str, args: &[&str]) {
    let out = Command::new(env!("CARGO_BIN_EXE_kizuna"))
        .args(["--database-url", url])
        .args(args)
        .current_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("../.."))
        .output()
        .expect("the kizuna binary runs");
    assert!(out.status.success(), "kizuna {args:?}: {}", String::from_utf8_lossy(&out.stderr));
}

#[tokio::test]
async fn two_servers_on_one_postgres_see_each_change_within_two_seconds() {
    let base = std::env::var("KIZUNA_TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".into());
    let schema = format!("kizuna_scale_{}", std::process::id());
    let admin = sqlx::PgPool::connect(&base)
        .await
        .unwrap_or_else(|e| panic!("PostgreSQL at {base} is needed for the scale-out test: {e}"));
    sqlx::query(&format!("DROP SCHEMA IF EXISTS {schema} CASCADE")).execute(&admin).await.unwrap();
    sqlx::query(&format!("CREATE SCHEMA {schema}")).execute(&admin).await.unwrap();
    let url = format!("{base}?options=-c%20search_path%3D{schema}");

    kizuna(&url, &["ingest", "--dataset", "e2e/fixtures/japanese"]);
    let ports = [free_port(), free_port()];
    let _servers: Vec<Server> = ports
        .iter()
        .map(|port| {
            Server(
                Command::new(env!("CARGO_BIN_EXE_kizuna"))
                    .args(["--database-url", &url, "serve", "--listen", &format!("127.0.0.1:{port}")])
                    .stdout(Stdio::null())
                    .stderr(Stdio::null())
                    .spawn()
                    .expect("kizuna serve starts"),
            )
        })
        .collect();
    for port in ports {
        wait_for(port);
        let (status, body) = get(port, "/api/v1/partnerships");
        assert_eq!(status, 200);
        assert!(!body.contains("\"parallel\""), "not there yet");
    }

    kizuna(&url, &["ingest", "--dataset", "crates/kizuna/tests/fixtures/parallel"]);
    let changed = Instant::now();
    for port in ports {
        loop {
            let listed = get(port, "/api/v1/partnerships").1.contains("\"parallel\"");
            let page = get(port, "/p/parallel").0 == 200;
            let found =
                get(port, "/api/v1/search?q=workshop&partnership=parallel").1.contains("\"parallel\"");
            let feed = get(port, "/p/parallel/feed.atom").1.contains("<entry>");
            if listed && page && found && feed {
                break;
            }
            assert!(
                changed.elapsed() < Duration::from_secs(2),
                "server on {port} after 2 s: listed {listed}, page {page}, search {found}, feed {feed}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
    drop(_servers);
    sqlx::query(&format!("DROP SCHEMA {schema} CASCADE")).execute(&admin).await.unwrap();
}
