//! [`Call`]: one operation driven to its result.

use crate::client::Client;
use crate::operation::Operation;
use crate::rate_limit::RateLimiter;

use super::{Driver, Now, Received, Step};

/// One operation, driven through the limiter, the send and its retries.
///
/// CONTRACT: made with [`Call::new`]; the operation is built once and never cloned.
#[derive(Debug)]
pub struct Call<O: Operation> {
    op: Option<O>,
}

impl<O: Operation> Call<O> {
    /// A call of `op` under `client`'s policy (retries, deadline, body cap).
    pub fn new(client: &Client, op: O) -> Self {
        let _ = client;
        Self { op: Some(op) }
    }
}

impl<O: Operation> Driver for Call<O> {
    type Output = O::Output;

    fn poll(&mut self, now: Now, limiter: &mut RateLimiter) -> Step<O::Output> {
        let _ = (now, limiter, &self.op);
        unimplemented!("contract stub")
    }

    fn handle_response(&mut self, response: Received, now: Now, limiter: &mut RateLimiter) {
        let _ = (response, now, limiter);
        unimplemented!("contract stub")
    }
}
