//! `kizuna serve` with no configuration but a fresh store: it loads the shipped dataset and
//! every commitment is reachable from the home page in three clicks (home → area →
//! commitment), each with its citation and evidence.

use std::collections::HashSet;
use std::net::TcpStream;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

mod common;

use common::{Server, free_port, get};

fn links<'a>(html: &'a str, prefix: &str) -> Vec<&'a str> {
    html.match_indices(&format!("href=\"{prefix}"))
        .map(|(i, _)| {
            let start = i + 6;
            let end = html[start..].find('"').map_or(html.len(), |e| start + e);
            &html[start..end]
        })
        .collect()
}

/// `kizuna serve` on `port` with `flags` over a SQLite store in `dir` (loaded with the shipped
/// dataset when empty), quiet.
fn serve_on(port: u16, dir: &Path, flags: &[&str]) -> std::process::Child {
    Command::new(env!("CARGO_BIN_EXE_kizuna"))
        .args(["serve", "--listen", &format!("127.0.0.1:{port}")])
        .args(flags)
        .arg("--database-url")
        .arg(format!("sqlite://{}/kizuna.db", dir.display()))
        .current_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("../.."))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("kizuna serve starts")
}

#[test]
fn every_commitment_is_three_clicks_from_home_with_its_citation() {
    let dir = std::env::temp_dir().join(format!("kizuna-serve-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let port = free_port();
    let database = format!("sqlite://{}/kizuna.db", dir.display());
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    // The shipped dataset and a Japanese outcome document, so that Japanese search is real.
    for args in [vec!["init"], vec!["ingest", "--dataset", "e2e/fixtures/japanese"]] {
        let status = Command::new(env!("CARGO_BIN_EXE_kizuna"))
            .args(&args)
            .args(["--database-url", &database])
            .current_dir(&root)
            .stdout(Stdio::null())
            .status()
            .unwrap();
        assert!(status.success(), "kizuna {args:?}");
    }
    let _server = Server(serve_on(port, &dir, &[]));
    let started = Instant::now();
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(started.elapsed() < Duration::from_secs(120), "the server did not start");
        std::thread::sleep(Duration::from_millis(200));
    }

    let (status, home) = get(port, "/p/japan-uk");
    assert_eq!(status, 200);
    let mut reached = HashSet::new();
    for area in links(&home, "/p/japan-uk/areas/") {
        let (status, page) = get(port, area);
        assert_eq!(status, 200, "{area}");
        reached.extend(links(&page, "/commitments/").into_iter().map(str::to_owned));
    }

    let (status, api) = get(port, "/api/v1/partnerships/japan-uk/commitments?per_page=500");
    assert_eq!(status, 200);
    let api: serde_json::Value = serde_json::from_str(&api).unwrap();
    let all = api["commitments"].as_array().unwrap();
    assert!(all.len() > 60);
    let joint_actions: Vec<&serde_json::Value> =
        all.iter().filter(|c| c["anchor"].as_str().unwrap().starts_with("24 / ")).collect();
    assert!(joint_actions.len() >= 40, "{} joint actions", joint_actions.len());
    for c in all {
        let href = format!("/commitments/{}", c["id"].as_str().unwrap());
        assert!(reached.contains(&href), "{href} is not linked from any area page");
    }
    for c in joint_actions {
        let id = c["id"].as_str().unwrap();
        let (status, page) = get(port, &format!("/commitments/{id}"));
        assert_eq!(status, 200);
        let citation = links(&page, "/documents/");
        assert!(!citation.is_empty() && citation[0].contains('#'), "{id} has no citation");
        let (_, detail) = get(port, &format!("/api/v1/commitments/{id}"));
        let detail: serde_json::Value = serde_json::from_str(&detail).unwrap();
        for e in detail["evidence"].as_array().unwrap() {
            let text = e["text"].as_str().unwrap();
            let escaped = text.replace('&', "&#38;").replace('\'', "&#39;").replace('"', "&#34;");
            assert!(page.contains(text) || page.contains(&escaped), "{id}: evidence {text:?} not shown");
        }
    }
    // Search: the relevant commitments come first.
    for (q, expected) in
        [("Open%20RAN", "Open RAN"), ("semiconductor%20workshop", "workshop in the first quarter of 2024")]
    {
        let (status, body) = get(port, &format!("/api/v1/search?q={q}&limit=5"));
        assert_eq!(status, 200);
        let v: serde_json::Value = serde_json::from_str(&body).unwrap();
        let first = &v["results"][0];
        assert_eq!(first["kind"], "commitment", "{q}: {body}");
        let id = first["id"].as_str().unwrap();
        let text = all.iter().find(|c| c["id"] == id).unwrap()["text"].as_str().unwrap();
        assert!(text.contains(expected), "{q}: first hit {text:?}");
    }
    // Japanese without word spaces: 半導体 inside 半導体分野での協力を推進する.
    let (status, body) = get(port, "/api/v1/search?q=%E5%8D%8A%E5%B0%8E%E4%BD%93&kind=commitment&per_page=5");
    assert_eq!(status, 200);
    let v: serde_json::Value = serde_json::from_str(&body).unwrap();
    let first = &v["results"][0];
    assert_eq!(first["partnership"], "e2e-japanese", "{body}");
    assert!(first["snippet_html"].as_str().unwrap().contains("<mark>"), "{body}");
    let (status, page) = get(port, "/search?q=Open+RAN");
    assert_eq!(status, 200);
    assert!(page.contains("<mark>Open</mark> <mark>RAN</mark>"));
    let _ = std::fs::remove_dir_all(&dir);
}

/// SIGTERM stops the server gracefully: requests already under way are answered in full, and
/// the process exits 0 well within its grace period.
#[test]
fn sigterm_finishes_the_requests_under_way_and_exits_cleanly() {
    let dir = std::env::temp_dir().join(format!("kizuna-sigterm-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let port = free_port();
    let mut server = serve_on(port, &dir, &[]);
    common::wait_for(port);
    assert_eq!(get(port, "/readyz").0, 200);
    // Requests in flight while the signal arrives: each one the server began to answer is
    // answered whole (valid JSON), until it stops taking connections.
    let clients: Vec<_> = (0..4)
        .map(|_| {
            std::thread::spawn(move || {
                let mut answers = Vec::new();
                for _ in 0..40 {
                    let Ok(mut stream) = std::net::TcpStream::connect(("127.0.0.1", port)) else { break };
                    let request = "GET /api/v1/partnerships/japan-uk/report HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
                    if std::io::Write::write_all(&mut stream, request.as_bytes()).is_err() {
                        break;
                    }
                    let mut raw = Vec::new();
                    let _ = std::io::Read::read_to_end(&mut stream, &mut raw);
                    if raw.is_empty() {
                        break; // refused before it was taken: never under way
                    }
                    answers.push(String::from_utf8_lossy(&raw).into_owned());
                }
                answers
            })
        })
        .collect();
    std::thread::sleep(Duration::from_millis(300));
    let killed = Command::new("kill").args(["-TERM", &server.id().to_string()]).status().unwrap();
    assert!(killed.success());
    let started = Instant::now();
    let exit = loop {
        if let Some(exit) = server.try_wait().unwrap() {
            break exit;
        }
        assert!(started.elapsed() < Duration::from_secs(15), "the server did not stop");
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(exit.success(), "{exit:?}");
    let mut answered = 0;
    for client in clients {
        for answer in client.join().unwrap() {
            assert!(answer.starts_with("HTTP/1.1 200"), "{}", &answer[..answer.len().min(200)]);
            assert!(answer.trim_end().ends_with('}') || answer.trim_end().ends_with("0"), "a whole body");
            answered += 1;
        }
    }
    assert!(answered > 0, "some requests were under way");
    let _ = std::fs::remove_dir_all(&dir);
}

/// A client that sends nothing, or sends its headers a byte at a time, is cut off after the
/// header timeout; everyone else is served meanwhile.
#[test]
fn silent_and_slow_clients_are_cut_off() {
    let dir = std::env::temp_dir().join(format!("kizuna-slow-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let port = free_port();
    let _server = Server(serve_on(port, &dir, &["--header-timeout", "1"]));
    common::wait_for(port);
    let silent = TcpStream::connect(("127.0.0.1", port)).unwrap();
    let mut slow = TcpStream::connect(("127.0.0.1", port)).unwrap();
    std::io::Write::write_all(&mut slow, b"GET / HTTP/1.1\r\nHost: 127").unwrap();
    assert_eq!(get(port, "/healthz").0, 200, "others are served meanwhile");
    for mut stream in [silent, slow] {
        stream.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
        let started = Instant::now();
        let mut buf = [0u8; 256];
        let read = std::io::Read::read(&mut stream, &mut buf);
        let elapsed = started.elapsed();
        // Closed (0 bytes or reset), or answered 408, well before the client's own 5 s.
        let closed = match &read {
            Ok(0) | Err(_) => true,
            Ok(n) => String::from_utf8_lossy(&buf[..*n]).starts_with("HTTP/1.1 408"),
        };
        assert!(
            closed && elapsed < Duration::from_secs(4),
            "cut off after the timeout: {read:?} after {elapsed:?}"
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// From an empty folder anywhere, `kizuna serve` with no arguments but a port serves the
/// shipped record: the dataset travels inside the binary.
#[test]
fn serve_from_an_empty_folder_serves_the_shipped_record() {
    let dir = std::env::temp_dir().join(format!("kizuna-anywhere-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let port = free_port();
    let _server = Server(
        Command::new(env!("CARGO_BIN_EXE_kizuna"))
            .args(["serve", "--listen", &format!("127.0.0.1:{port}")])
            .env_remove("KIZUNA_DATABASE_URL")
            .current_dir(&dir)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("kizuna serve starts"),
    );
    common::wait_for(port);
    let (status, home) = get(port, "/p/japan-uk");
    assert_eq!(status, 200);
    assert!(home.contains("Japan-UK Digital Partnership"));
    assert!(dir.join("kizuna-data/kizuna.db").is_file(), "the store is made in the working folder");
    let _ = std::fs::remove_dir_all(&dir);
}

/// Logs written to a pipe carry no colour codes; `--log-format json` writes one JSON object a
/// line, for log shippers.
#[test]
fn logs_are_plain_in_a_pipe_and_json_when_asked() {
    for format in ["text", "json"] {
        let dir = std::env::temp_dir().join(format!("kizuna-logs-{format}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let port = free_port();
        let server = Command::new(env!("CARGO_BIN_EXE_kizuna"))
            .args(["--log-format", format, "serve", "--listen", &format!("127.0.0.1:{port}")])
            .arg("--database-url")
            .arg(format!("sqlite://{}/kizuna.db", dir.display()))
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        common::wait_for(port);
        let _ = Command::new("kill").args(["-TERM", &server.id().to_string()]).status();
        let out = server.wait_with_output().unwrap();
        let log = String::from_utf8(out.stderr).unwrap();
        assert!(log.contains("audit head"), "{log}");
        assert!(!log.contains('\u{1b}'), "no colour codes in a pipe: {log}");
        if format == "json" {
            for line in log.lines() {
                let v: serde_json::Value =
                    serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line}"));
                assert!(v.get("level").is_some(), "{line}");
            }
        }
        let _ = std::fs::remove_dir_all(&dir);
    }
}
