//! A minimal RESP2 client over a Unix socket: enough to run the token
//! store's scripts in tests without a Redis crate.

use std::io::{BufRead, BufReader, Read, Write};
use std::os::unix::net::UnixStream;
use std::path::Path;

/// A reply, as RESP2 frames it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    Nil,
    Status(String),
    Error(String),
    Int(i64),
    Bulk(Vec<u8>),
    Array(Vec<Value>),
}

pub struct Connection {
    reader: BufReader<UnixStream>,
    writer: UnixStream,
}

impl Connection {
    pub fn open(path: &Path) -> std::io::Result<Self> {
        let stream = UnixStream::connect(path)?;
        Ok(Self {
            reader: BufReader::new(stream.try_clone()?),
            writer: stream,
        })
    }

    /// Sends one command and reads its reply.
    pub fn command(&mut self, args: &[&[u8]]) -> std::io::Result<Value> {
        let mut frame = format!("*{}\r\n", args.len()).into_bytes();
        for arg in args {
            frame.extend_from_slice(format!("${}\r\n", arg.len()).as_bytes());
            frame.extend_from_slice(arg);
            frame.extend_from_slice(b"\r\n");
        }
        self.writer.write_all(&frame)?;
        self.read_value()
    }

    /// `EVAL script 1 key args…`, its reply as a list of nullable strings
    /// (what every token store script returns).
    pub fn eval(
        &mut self,
        script: &str,
        keys: &[String],
        args: &[Vec<u8>],
    ) -> std::io::Result<Result<Vec<Option<Vec<u8>>>, String>> {
        let count = keys.len().to_string();
        let mut argv: Vec<&[u8]> = vec![b"EVAL", script.as_bytes(), count.as_bytes()];
        argv.extend(keys.iter().map(|k| k.as_bytes()));
        argv.extend(args.iter().map(Vec::as_slice));
        Ok(match self.command(&argv)? {
            Value::Array(items) => items
                .into_iter()
                .map(|item| match item {
                    Value::Nil => Ok(None),
                    Value::Bulk(bytes) => Ok(Some(bytes)),
                    Value::Status(s) => Ok(Some(s.into_bytes())),
                    other => Err(format!("not a string: {other:?}")),
                })
                .collect(),
            Value::Error(e) => Err(e),
            other => Err(format!("not an array: {other:?}")),
        })
    }

    fn line(&mut self) -> std::io::Result<String> {
        let mut line = String::new();
        self.reader.read_line(&mut line)?;
        if !line.ends_with("\r\n") {
            return Err(std::io::Error::other("connection closed"));
        }
        line.truncate(line.len() - 2);
        Ok(line)
    }

    fn read_value(&mut self) -> std::io::Result<Value> {
        let line = self.line()?;
        let (kind, rest) = line.split_at(1);
        let number = || rest.parse::<i64>().map_err(std::io::Error::other);
        Ok(match kind {
            "+" => Value::Status(rest.to_owned()),
            "-" => Value::Error(rest.to_owned()),
            ":" => Value::Int(number()?),
            "$" if number()? < 0 => Value::Nil,
            "$" => {
                let mut bytes = vec![0; usize::try_from(number()?).unwrap() + 2];
                self.reader.read_exact(&mut bytes)?;
                bytes.truncate(bytes.len() - 2);
                Value::Bulk(bytes)
            }
            "*" if number()? < 0 => Value::Nil,
            "*" => {
                let n = number()?;
                let mut items = Vec::new();
                for _ in 0..n {
                    items.push(self.read_value()?);
                }
                Value::Array(items)
            }
            other => return Err(std::io::Error::other(format!("bad frame {other}"))),
        })
    }
}
