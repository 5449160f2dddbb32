//! The HTTP server around the router: connections accepted up to a cap, each given a bounded
//! time to send its request headers (so slow or silent clients cannot hold the server), the
//! peer's address handed to the handlers, and a graceful stop on SIGTERM or Ctrl-C.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::ConnectInfo;
use hyper_util::rt::{TokioExecutor, TokioIo, TokioTimer};
use hyper_util::server::conn::auto::Builder;
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;
use tower::ServiceExt;

use crate::{AppState, router};

/// How long requests under way may take to finish once the server is told to stop.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(10);

/// Serves `state` on `addr` until SIGTERM or Ctrl-C, keeping the search index in step with the
/// store; then lets the requests under way finish (up to [`SHUTDOWN_GRACE`]) and closes the
/// store.
pub async fn serve(state: AppState, addr: SocketAddr) -> std::io::Result<()> {
    let listener = TcpListener::bind(addr).await?;
    state.search.clone().follow(state.store.clone());
    let store = state.store.clone();
    let limits = (state.config.max_connections, state.config.header_read_timeout);
    run(listener, state, limits, shutdown_signal()).await;
    store.close().await;
    Ok(())
}

/// Accepts connections on `listener` until `stop` completes.
pub async fn run(
    listener: TcpListener,
    state: AppState,
    (max_connections, header_read_timeout): (usize, Duration),
    stop: impl std::future::Future<Output = ()>,
) {
    let app = router(state);
    let slots = Arc::new(Semaphore::new(max_connections.max(1)));
    let graceful = GracefulShutdown::new();
    let mut builder = Builder::new(TokioExecutor::new());
    builder.http1().timer(TokioTimer::new()).header_read_timeout(header_read_timeout);
    tokio::pin!(stop);
    loop {
        // Past the cap, the next connection waits in the kernel's queue rather than taking a
        // file descriptor the server needs.
        let slot = tokio::select! {
            slot = slots.clone().acquire_owned() => match slot { Ok(s) => s, Err(_) => break },
            () = &mut stop => break,
        };
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(e) => {
                    // Out of file descriptors or a connection reset before it was taken: wait
                    // a moment and go on serving the others.
                    tracing::warn!(error = %e, "accepting a connection failed");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut stop => break,
        };
        let (builder, app, watcher) = (builder.clone(), app.clone(), graceful.watcher());
        tokio::spawn(async move {
            // A client that connects and says nothing is dropped after the header timeout;
            // hyper's own timer covers the headers once they start to arrive.
            let mut first = [0u8; 1];
            if let Ok(Ok(n)) = tokio::time::timeout(header_read_timeout, stream.peek(&mut first)).await
                && n > 0
            {
                serve_connection(&builder, app, stream, peer, watcher).await;
            }
            drop(slot);
        });
    }
    drop(listener);
    tracing::info!("stopping: no new connections; finishing the requests under way");
    tokio::select! {
        () = graceful.shutdown() => {}
        () = tokio::time::sleep(SHUTDOWN_GRACE) => {
            tracing::warn!(seconds = SHUTDOWN_GRACE.as_secs(), "requests still running at the deadline: stopping anyway");
        }
    }
}

/// One connection, its requests answered by `app`, its peer's address given to the handlers.
async fn serve_connection(
    builder: &Builder<TokioExecutor>,
    app: axum::Router,
    stream: tokio::net::TcpStream,
    peer: SocketAddr,
    watcher: hyper_util::server::graceful::Watcher,
) {
    let service = app.map_request(move |mut request: axum::extract::Request<hyper::body::Incoming>| {
        request.extensions_mut().insert(ConnectInfo(peer));
        request
    });
    let connection =
        builder.serve_connection_with_upgrades(TokioIo::new(stream), TowerToHyperService::new(service));
    let _ = watcher.watch(connection.into_owned()).await;
}

/// SIGTERM (a service manager stopping the server) or Ctrl-C.
async fn shutdown_signal() {
    let interrupt = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut term) => {
                term.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => {}
        () = terminate => {}
    }
}
