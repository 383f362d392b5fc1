//! Examples in the generated docs, right for the runtime they expand in.

/// The head and tail of a runtime method's doc example, one text for both
/// runtimes: lines after `await` get the runtime's `.await` (if any) and `?`.
/// The example runs in a hidden `async fn` (a blocking call compiles there
/// too) given a `client: Client`.
#[doc(hidden)]
#[macro_export]
macro_rules! __doc_example {
    (@lines {$($await:tt)*} [$($out:expr),*]) => {
        concat!($($out,)* "# Ok(())\n# }\n```")
    };
    (@lines {$($await:tt)*} [$($out:expr),*] await $line:literal $($rest:tt)*) => {
        $crate::__doc_example!(@lines {$($await)*} [$($out,)* $line, stringify!($($await)*), "?;\n"] $($rest)*)
    };
    (@lines {$($await:tt)*} [$($out:expr),*] $line:literal $($rest:tt)*) => {
        $crate::__doc_example!(@lines {$($await)*} [$($out,)* $line, "\n"] $($rest)*)
    };
    ({$($await:tt)*} $($rest:tt)*) => {
        $crate::__doc_example!(@lines {$($await)*} [
            "# Examples\n\n```no_run\n# use ", env!("CARGO_CRATE_NAME"), "::*;\n",
            "# async fn example(client: Client) -> Result<(), Box<dyn std::error::Error>> {\n",
            "# let (token, bot_token): (AccessToken, BotToken) = (todo!(), BotToken::new(\"…\"));\n"
        ] $($rest)*)
    };
}

/// `$text`, for the runtime that has `$token` (`async`): a sentence only its docs say.
#[doc(hidden)]
#[macro_export]
macro_rules! __doc_if {
    ($token:tt $text:literal) => {
        $text
    };
}
