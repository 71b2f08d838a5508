//! The one configured HTTP client.

use std::time::Duration;

/// rustls with webpki roots, 10 s to connect, 30 s per call, a clear user agent.
pub fn http_client() -> reqwest::Client {
    reqwest::Client::builder()
        .use_rustls_tls()
        .https_only(false) // loopback sandboxes are plain HTTP; real sites are https URLs
        .connect_timeout(Duration::from_secs(10))
        .timeout(Duration::from_secs(30))
        .user_agent(concat!(
            "Gallerist/",
            env!("CARGO_PKG_VERSION"),
            " (KooGallery seller desktop)"
        ))
        .build()
        .expect("the HTTP client configuration is valid")
}
