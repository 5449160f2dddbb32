//! Backups with each backend's own tools: `kizuna backup` of a running SQLite store and
//! `kizuna restore`; `pg_dump` and `pg_restore` for PostgreSQL. Either way the restored store
//! holds the same record, and its audit chain verifies.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{Server, free_port, kizuna_on, wait_for};

fn temp(name: &str) -> PathBuf {
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos();
    let dir = std::env::temp_dir().join(format!("kizuna-{name}-{}-{nanos}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The public record as open data, for comparing two stores.
fn exported(url: &str, dir: &Path) -> String {
    kizuna_on(url, &["export", "--output", dir.to_str().unwrap(), "--as-of", "2025-01-22"]);
    ["commitments.csv", "evidence.csv", "links.csv"]
        .iter()
        .map(|f| std::fs::read_to_string(dir.join(f)).unwrap())
        .collect()
}

#[test]
fn a_running_sqlite_store_is_backed_up_and_restored_whole() {
    let dir = temp("backup");
    let url = format!("sqlite://{}/live.db", dir.display());
    kizuna_on(&url, &["init"]);
    let port = free_port();
    let _server = Server(
        Command::new(env!("CARGO_BIN_EXE_kizuna"))
            .args(["--database-url", &url, "serve", "--listen", &format!("127.0.0.1:{port}")])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap(),
    );
    wait_for(port);
    let copy = dir.join("copy.db");
    let out = String::from_utf8(kizuna_on(&url, &["backup", copy.to_str().unwrap()])).unwrap();
    assert!(out.contains("audit head"), "{out}");
    let refused = Command::new(env!("CARGO_BIN_EXE_kizuna"))
        .args(["--database-url", &url, "backup", copy.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(refused.status.code(), Some(2), "a backup never overwrites");

    let restored = format!("sqlite://{}/restored/kizuna.db", dir.display());
    kizuna_on(&restored, &["restore", copy.to_str().unwrap()]);
    let verified = String::from_utf8(kizuna_on(&restored, &["audit", "verify"])).unwrap();
    assert!(verified.contains("audit chain intact"), "{verified}");
    assert_eq!(exported(&url, &dir.join("a")), exported(&restored, &dir.join("b")), "the same record");
    let again = Command::new(env!("CARGO_BIN_EXE_kizuna"))
        .args(["--database-url", &restored, "restore", copy.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(again.status.code(), Some(2), "restore never overwrites a store");
    let _ = std::fs::remove_dir_all(&dir);
}

fn postgres(args: &[&str], tool: &str) {
    let out = Command::new(tool).args(["-h", "127.0.0.1", "-U", "postgres"]).args(args).output().unwrap();
    assert!(out.status.success(), "{tool} {args:?}: {}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn a_postgres_store_is_dumped_and_restored_with_its_own_tools() {
    let dir = temp("pgdump");
    let stamp = format!(
        "{}_{}",
        std::process::id(),
        dir.file_name().unwrap().to_string_lossy().rsplit('-').next().unwrap()
    );
    let (live, restored) = (format!("kizuna_live_{stamp}"), format!("kizuna_restored_{stamp}"));
    let url = |db: &str| format!("postgres://postgres@127.0.0.1:5432/{db}");
    postgres(&[&live], "createdb");
    kizuna_on(&url(&live), &["init"]);
    let dump = dir.join("kizuna.dump");
    postgres(&["-Fc", "-f", dump.to_str().unwrap(), &live], "pg_dump");
    postgres(&[&restored], "createdb");
    postgres(&["-d", &restored, dump.to_str().unwrap()], "pg_restore");
    let verified = String::from_utf8(kizuna_on(&url(&restored), &["audit", "verify"])).unwrap();
    assert!(verified.contains("audit chain intact"), "{verified}");
    assert_eq!(exported(&url(&live), &dir.join("a")), exported(&url(&restored), &dir.join("b")));
    for db in [&live, &restored] {
        postgres(&["--if-exists", db], "dropdb");
    }
    let _ = std::fs::remove_dir_all(&dir);
}
