//! Who may talk to the emulator: any program on the machine, but from a browser only
//! pages on loopback origins (`http://127.0.0.1:*`, `http://localhost:*`,
//! `http://[::1]:*`), and only under loopback `Host` names, so that a web page the
//! developer visits cannot reset the emulator or plant webhook endpoints, neither with
//! a cross-origin request (it carries the page's `Origin`) nor through DNS rebinding (it
//! carries the attacker's `Host`). `--allow-origin` and `--allow-host` widen this.

use stripe_edge::error::{ErrorType, HttpError};

use crate::config::Config;
use crate::http::Request;

/// Checks the request's `Host` and `Origin`: the origin to name in the CORS headers
/// (`None` when the request has no `Origin`), or a 403 saying how to allow it.
pub fn check(config: &Config, request: &Request) -> Result<Option<String>, HttpError> {
    if let Some(host) = request.header("host")
        && !host_allowed(config, host)
    {
        return Err(forbidden(
            "host_not_allowed",
            format!(
                "Requests for the host '{host}' are refused: the emulator answers loopback names only (127.0.0.1, localhost, [::1]). Start it with --allow-host {} to allow it.",
                split_port(host).0
            ),
        ));
    }
    let Some(origin) = request.header("origin") else {
        return Ok(None);
    };
    if origin_allowed(config, origin) {
        return Ok(Some(origin.to_string()));
    }
    Err(forbidden(
        "origin_not_allowed",
        format!(
            "Requests from web pages at '{origin}' are refused: the emulator accepts loopback origins only (http://127.0.0.1:*, http://localhost:*). Start it with --allow-origin {origin} to allow it."
        ),
    ))
}

fn forbidden(code: &'static str, message: String) -> HttpError {
    HttpError {
        status: 403,
        type_: ErrorType::InvalidRequestError,
        code,
        message,
        param: None,
    }
}

fn host_allowed(config: &Config, host: &str) -> bool {
    let (name, port) = split_port(host);
    port.is_none_or(|port| !port.is_empty() && port.bytes().all(|b| b.is_ascii_digit()))
        && (is_loopback(name) || listed(&config.allowed_hosts, name))
}

fn origin_allowed(config: &Config, origin: &str) -> bool {
    if listed(&config.allowed_origins, origin) {
        return true;
    }
    let Some(authority) = origin
        .strip_prefix("http://")
        .or_else(|| origin.strip_prefix("https://"))
    else {
        return false;
    };
    let (name, port) = split_port(authority);
    port.is_none_or(|port| !port.is_empty() && port.bytes().all(|b| b.is_ascii_digit()))
        && is_loopback(name)
}

/// Whether `value` is in `list` (case aside), or the list allows any with `*`.
fn listed(list: &[String], value: &str) -> bool {
    list.iter()
        .any(|entry| entry == "*" || entry.eq_ignore_ascii_case(value))
}

/// `host:port` into the host and the port's text; IPv6 hosts keep their brackets.
fn split_port(authority: &str) -> (&str, Option<&str>) {
    let after_host = match authority.strip_prefix('[') {
        Some(rest) => rest.find(']').map_or(authority.len(), |end| end + 2),
        None => authority.find(':').unwrap_or(authority.len()),
    };
    let (host, rest) = authority.split_at(after_host.min(authority.len()));
    match rest.strip_prefix(':') {
        Some(port) => (host, Some(port)),
        None if rest.is_empty() => (host, None),
        // Text after the host that is not a port: not a host name at all.
        None => ("", None),
    }
}

fn is_loopback(name: &str) -> bool {
    if name.eq_ignore_ascii_case("localhost") || name == "[::1]" {
        return true;
    }
    name.parse::<std::net::Ipv4Addr>()
        .is_ok_and(|address| address.is_loopback())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(headers: &[(&str, &str)]) -> Request {
        Request {
            headers: headers
                .iter()
                .map(|(name, value)| ((*name).into(), (*value).into()))
                .collect(),
            ..Request::default()
        }
    }

    #[test]
    fn loopback_hosts_and_origins_pass_and_others_do_not() {
        let config = Config::default();
        for host in [
            "127.0.0.1:12111",
            "localhost",
            "LOCALHOST:1",
            "[::1]:80",
            "127.1.2.3",
        ] {
            assert!(
                check(&config, &request(&[("host", host)])).is_ok(),
                "{host}"
            );
        }
        for host in [
            "evil.example",
            "127.0.0.1.evil.example",
            "localhost.evil.example:80",
            "127.0.0.1:80x",
            "127.0.0.1:",
            "[::1]x",
            "",
        ] {
            let error = check(&config, &request(&[("host", host)])).unwrap_err();
            assert_eq!(
                (error.status, error.code),
                (403, "host_not_allowed"),
                "{host}"
            );
        }
        for origin in [
            "http://127.0.0.1:5173",
            "https://localhost",
            "http://[::1]:3000",
        ] {
            let answer = check(&config, &request(&[("origin", origin)]));
            assert_eq!(answer, Ok(Some(origin.to_string())));
        }
        for origin in [
            "null",
            "https://evil.example",
            "http://localhost.evil.example",
            "http://127.0.0.1@evil.example",
            "file://",
            "http://127.0.0.1:1/path",
        ] {
            let error = check(&config, &request(&[("origin", origin)])).unwrap_err();
            assert_eq!(error.code, "origin_not_allowed", "{origin}");
            assert!(
                error.message.contains("--allow-origin"),
                "{}",
                error.message
            );
        }
        assert_eq!(check(&config, &request(&[])), Ok(None));
    }

    #[test]
    fn flags_widen_the_lists() {
        let config = Config {
            allowed_origins: vec!["https://App.example".into()],
            allowed_hosts: vec!["emulator.internal".into()],
            ..Config::default()
        };
        assert!(check(&config, &request(&[("origin", "https://app.example")])).is_ok());
        assert!(check(&config, &request(&[("host", "emulator.internal:8080")])).is_ok());
        assert!(check(&config, &request(&[("origin", "https://other.example")])).is_err());
        let any = Config {
            allowed_origins: vec!["*".into()],
            allowed_hosts: vec!["*".into()],
            ..Config::default()
        };
        let anything = request(&[("origin", "https://x.example"), ("host", "x.example")]);
        assert!(check(&any, &anything).is_ok());
    }
}
