//! Runs the core's operations against the fake over loopback (ureq), for the
//! fake's tests of the routes the core has operations for.

#![allow(dead_code, missing_docs)]

use std::time::SystemTime;

use disco_oauth2::Operation;

/// Sends an operation's request and parses the answer at the current time.
pub fn run<O: Operation>(op: O) -> disco_oauth2::Result<O::Output> {
    let (request, pending) = op.into_parts()?;
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(0)
        .build()
        .into();
    let mut response = agent
        .run(request.map(disco_oauth2::RequestBody::into_bytes))
        .expect("the fake answers");
    let status = response.status();
    let headers = response.headers().clone();
    let body = response.body_mut().read_to_vec().expect("a body");
    pending.parse_parts(status, &headers, &body, SystemTime::now().into())
}
