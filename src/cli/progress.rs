//! A progress line on standard error for long interactive scans. It shows only when
//! standard error is a terminal and `CI` is not set, and only once a scan has run for a
//! second; it is cleared when the scan ends, so it never mixes with reports.

use std::io::{IsTerminal, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

const DELAY: Duration = Duration::from_secs(1);
const INTERVAL: Duration = Duration::from_millis(100);

pub struct Progress {
    done: Arc<AtomicUsize>,
    stop: Arc<AtomicBool>,
    painter: Option<JoinHandle<()>>,
}

impl Progress {
    /// A progress line over `total` files, drawn only where a person watches.
    pub fn start(total: usize, wanted: bool) -> Progress {
        let done = Arc::new(AtomicUsize::new(0));
        let stop = Arc::new(AtomicBool::new(false));
        let interactive = std::io::stderr().is_terminal() && std::env::var_os("CI").is_none();
        let painter = (wanted && interactive && total > 0).then(|| {
            let (done, stop) = (Arc::clone(&done), Arc::clone(&stop));
            std::thread::spawn(move || paint(total, &done, &stop))
        });
        Progress {
            done,
            stop,
            painter,
        }
    }

    /// One more file checked.
    pub fn tick(&self) {
        self.done.fetch_add(1, Ordering::Relaxed);
    }

    /// Stop drawing and clear the line.
    pub fn finish(mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(painter) = self.painter.take() {
            let _ = painter.join();
        }
    }
}

fn paint(total: usize, done: &AtomicUsize, stop: &AtomicBool) {
    let started = Instant::now();
    let mut drawn = false;
    while !stop.load(Ordering::Relaxed) {
        std::thread::sleep(INTERVAL);
        if started.elapsed() >= DELAY {
            let checked = done.load(Ordering::Relaxed);
            let _ = write!(
                std::io::stderr().lock(),
                "\rrealtor: checked {checked}/{total} files"
            );
            drawn = true;
        }
    }
    if drawn {
        let _ = write!(std::io::stderr().lock(), "\r\x1b[2K");
    }
}
