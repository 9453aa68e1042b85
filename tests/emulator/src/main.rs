//! `stripe-emulator --port N [--seed demo] [--report-delay-ms N] [--allow-origin ORIGIN]...
//! [--allow-host HOST]...`: serves until SIGINT or SIGTERM, then shuts down cleanly.

use std::process::ExitCode;
use std::sync::mpsc;

use stripe_emulator::config::Config;

fn main() -> ExitCode {
    let config = match Config::from_args(std::env::args().skip(1)) {
        Ok(config) => config,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::from(2);
        }
    };
    // Before the line that says where it listens: a signal sent right after it must
    // stop the server cleanly, not kill the process.
    let (signal, stopped) = mpsc::channel();
    if let Err(error) = ctrlc::set_handler(move || {
        let _ = signal.send(());
    }) {
        eprintln!("stripe-emulator: cannot watch for signals: {error}");
        return ExitCode::FAILURE;
    }
    let running = match stripe_emulator::start(config) {
        Ok(running) => running,
        Err(error) => {
            eprintln!("stripe-emulator: cannot listen: {error}");
            return ExitCode::FAILURE;
        }
    };
    println!("stripe-emulator listening on http://{}", running.address);
    let _ = stopped.recv();
    running.stop();
    println!("stripe-emulator stopped");
    ExitCode::SUCCESS
}
