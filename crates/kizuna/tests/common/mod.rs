//! What the binary's tests share: running `kizuna` on a store, a server that stops with the
//! test, a free port, and a plain HTTP/1.1 GET.

#![allow(dead_code)] // each test binary uses its own part

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::Child;
use std::time::{Duration, Instant};

/// Every held-out partnership (`data/held-out/<set>` with its labels), as paths from the
/// workspace, in name order: a set added there is measured by every test that reads them.
pub fn held_out_sets() -> Vec<String> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/held-out");
    let mut sets: Vec<String> = std::fs::read_dir(&root)
        .expect("data/held-out is readable")
        .filter_map(Result::ok)
        .filter(|entry| entry.path().join("labels.toml").is_file())
        .map(|entry| format!("data/held-out/{}", entry.file_name().to_string_lossy()))
        .collect();
    sets.sort();
    sets
}

/// Runs `kizuna --database-url URL ARGS…` in the workspace folder and returns its standard
/// output; the test fails, with the command's error output, when it fails.
pub fn kizuna_on(database_url: &str, args: &[&str]) -> Vec<u8> {
    succeeded(kizuna_command(database_url, args), args)
}

/// [`kizuna_on`] with `KIZUNA_PASSWORD` set, for the commands that ask for one (`user add`).
pub fn kizuna_with_password(database_url: &str, password: &str, args: &[&str]) -> Vec<u8> {
    let mut command = kizuna_command(database_url, args);
    command.env("KIZUNA_PASSWORD", password);
    succeeded(command, args)
}

fn kizuna_command(database_url: &str, args: &[&str]) -> std::process::Command {
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_kizuna"));
    command
        .arg("--database-url")
        .arg(database_url)
        .args(args)
        .current_dir(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../.."));
    command
}

fn succeeded(mut command: std::process::Command, args: &[&str]) -> Vec<u8> {
    let out = command.output().expect("the kizuna binary runs");
    assert!(out.status.success(), "kizuna {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    out.stdout
}

/// `kizuna serve` on the store at `database_url`, on 127.0.0.1:`port`, quiet, stopped with the
/// test (wait for it with [`wait_for`]).
pub fn serve(database_url: &str, port: u16) -> Server {
    Server(
        kizuna_command(database_url, &["serve", "--listen", &format!("127.0.0.1:{port}")])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("kizuna serve starts"),
    )
}

pub struct Server(pub Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

pub fn get(port: u16, path: &str) -> (u16, String) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    write!(stream, "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    let text = String::from_utf8_lossy(&raw).into_owned();
    let status = text.split_whitespace().nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    let body = text.split_once("\r\n\r\n").map(|(_, b)| b.to_owned()).unwrap_or_default();
    (status, dechunk(&body))
}

/// Undoes chunked transfer encoding (axum streams large bodies in chunks).
fn dechunk(body: &str) -> String {
    let mut out = String::new();
    let mut rest = body;
    loop {
        let Some((size, after)) = rest.split_once("\r\n") else { return body.to_owned() };
        let Ok(n) = usize::from_str_radix(size.trim(), 16) else { return body.to_owned() };
        if n == 0 {
            return out;
        }
        out.push_str(&after[..n.min(after.len())]);
        rest = after.get(n + 2..).unwrap_or("");
    }
}

/// Waits until something listens on `port`.
pub fn wait_for(port: u16) {
    let started = Instant::now();
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(started.elapsed() < Duration::from_secs(120), "the server on {port} did not start");
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// An HTTP/1.1 answer: its status, headers (names in lower case) and body.
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Reply {
    /// The first header called `name` (lower case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }

    /// The value a `Set-Cookie` header of the answer gives the cookie `name`.
    pub fn set_cookie(&self, name: &str) -> Option<String> {
        self.headers
            .iter()
            .filter(|(n, _)| n == "set-cookie")
            .find_map(|(_, v)| v.strip_prefix(&format!("{name}=")))
            .map(|rest| rest.split(';').next().unwrap_or_default().to_owned())
    }
}

/// One request over a fresh connection: `method` and `path`, extra `headers`, and `form` sent as
/// `application/x-www-form-urlencoded` when given. Redirects are not followed.
pub fn request(
    port: u16,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    form: Option<&[(&str, &str)]>,
) -> Reply {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    let mut head = format!("{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n");
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    let body = form.map(form_encode).unwrap_or_default();
    if form.is_some() {
        head.push_str("Content-Type: application/x-www-form-urlencoded\r\n");
    }
    if form.is_some() || !matches!(method, "GET" | "HEAD") {
        head.push_str(&format!("Content-Length: {}\r\n", body.len()));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes()).unwrap();
    stream.write_all(body.as_bytes()).unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let mut lines = head.split("\r\n");
    let status =
        lines.next().and_then(|l| l.split_whitespace().nth(1)).and_then(|s| s.parse().ok()).unwrap_or(0);
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_owned()))
        .collect::<Vec<_>>();
    let chunked = headers.iter().any(|(n, v)| n == "transfer-encoding" && v.contains("chunked"));
    let body = if chunked { dechunk(body) } else { body.to_owned() };
    Reply { status, headers, body }
}

/// `application/x-www-form-urlencoded`: unreserved bytes as they are, spaces as `+`, the rest
/// percent-encoded.
pub fn form_encode(pairs: &[(&str, &str)]) -> String {
    let encode = |s: &str| {
        s.bytes()
            .map(|b| match b {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'*' => {
                    (b as char).to_string()
                }
                b' ' => "+".to_owned(),
                _ => format!("%{b:02X}"),
            })
            .collect::<String>()
    };
    pairs.iter().map(|(k, v)| format!("{}={}", encode(k), encode(v))).collect::<Vec<_>>().join("&")
}

/// The CSRF token of a page's forms: their hidden `csrf` field (or an upload's `…?csrf=…`).
pub fn csrf_in(page: &str) -> Option<String> {
    let start = ["name=\"csrf\" value=\"", "csrf="]
        .iter()
        .find_map(|marker| page.find(marker).map(|at| at + marker.len()))?;
    Some(page[start..].chars().take_while(char::is_ascii_alphanumeric).collect())
}

/// A signed-in browser as the server sees it: the session cookie and the session's CSRF token.
#[derive(Clone, Debug)]
pub struct Session {
    /// `kizuna_session=…`, for a `Cookie` header.
    pub cookie: String,
    pub csrf: String,
}

impl Session {
    pub fn headers(&self) -> [(&str, &str); 1] {
        [("Cookie", self.cookie.as_str())]
    }
}

/// Signs `user` in through the server on `port` the way the sign-in form does: GET /login for
/// the form's token and its cookie, POST /login with both, then the session's own CSRF token
/// from a page that has forms (/account).
pub fn sign_in(port: u16, user: &str, password: &str) -> Session {
    let form = request(port, "GET", "/login", &[], None);
    assert_eq!(form.status, 200, "GET /login");
    let login = form.set_cookie("kizuna_login").expect("the sign-in form sets its cookie");
    let token = csrf_in(&form.body).expect("the sign-in form carries its token");
    let cookie = format!("kizuna_login={login}");
    let done = request(
        port,
        "POST",
        &format!("/login?csrf={token}"),
        &[("Cookie", &cookie)],
        Some(&[("user", user), ("password", password), ("next", "/account")]),
    );
    assert_eq!(done.status, 303, "{user} signs in through port {port}: {}", done.body);
    assert_eq!(done.header("location"), Some("/account"));
    let session = done.set_cookie("kizuna_session").expect("signing in sets the session cookie");
    let cookie = format!("kizuna_session={session}");
    let account = request(port, "GET", "/account", &[("Cookie", &cookie)], None);
    assert_eq!(account.status, 200, "GET /account once signed in");
    let csrf = csrf_in(&account.body).expect("the account page has forms with the session's token");
    Session { cookie, csrf }
}

/// A cookie's value from a response's `Set-Cookie` headers.
pub fn cookie_set_by(response: &reqwest::Response, name: &str) -> String {
    response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|v| {
            v.strip_prefix(&format!("{name}=")).map(|rest| rest.split(';').next().unwrap().to_owned())
        })
        .unwrap_or_else(|| panic!("no {name} cookie"))
}
