//! The runtime's call loop: poll the driver, send or sleep, feed it.

/// Logs a driver's wait (a warning for a 429 wait of a second or more,
/// debug otherwise) and gives the instant it ends. Expands to a cold
/// function of the runtime, so the events carry the runtime's target.
#[doc(hidden)]
#[macro_export]
macro_rules! __log_wait {
    ($wait:expr) => {{
        // Out of line and cold: a wait is rare, and its logging (two
        // `tracing` events) would otherwise sit inside every call's loop.
        #[cold]
        #[inline(never)]
        fn log_wait(wait: &$crate::driver::Wait) -> ::std::time::Instant {
            let left = wait.until.saturating_duration_since(::std::time::Instant::now());
            let wait_ms = left.as_millis() as u64;
            if matches!(wait.reason, $crate::driver::WaitReason::RateLimited { .. })
                && left >= ::std::time::Duration::from_secs(1)
            {
                ::tracing::warn!(operation = wait.operation, reason = ?wait.reason, wait_ms, "rate limited by Discord; waiting before retrying {}", wait.operation);
            } else {
                ::tracing::debug!(operation = wait.operation, reason = ?wait.reason, wait_ms, "waiting before sending {}", wait.operation);
            }
            wait.until
        }
        log_wait($wait)
    }};
}

/// The loop of a runtime's `Client::drive`: polls `$driver`, sends with
/// `$client.send`, sleeps with `sleep_until`, returns its result.
///
/// Each step is taken apart before the IO it asks for, so that an async
/// runtime's future does not keep the step (a whole result's room) across
/// its awaits.
#[doc(hidden)]
#[macro_export]
macro_rules! __drive_loop {
    ($client:ident, $driver:ident, {$($await:tt)*}) => {{
        // The clocks are read when time may have passed: at the start, after
        // each response, after each sleep (not again for the poll that
        // follows a response).
        let mut at = now();
        loop {
            // The step is taken apart in a scope of its own: neither it nor
            // the limiter's guard (a temporary of the `let`) outlives it, so
            // an async runtime's future keeps neither across the send.
            let transmit = {
                let next = match $driver.poll(at, &mut $client.limiter()) {
                    $crate::driver::Step::Send(transmit) => Ok(transmit),
                    $crate::driver::Step::Wait(wait) => Err($crate::__log_wait!(&wait)),
                    $crate::driver::Step::Done(result) => return result.map_err(Error::from),
                };
                match next {
                    Ok(transmit) => transmit,
                    Err(until) => {
                        sleep_until(until) $($await)*;
                        at = now();
                        continue;
                    }
                }
            };
            let received = $client.send(transmit) $($await)* ?;
            at = now();
            // Parsed here, without the limiter's lock.
            $driver.handle_response(received, at);
        }
    }};
}
