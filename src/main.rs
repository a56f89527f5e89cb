//! The `realtor` binary: see [`realtor::cli`].

fn main() -> std::process::ExitCode {
    realtor::cli::main()
}
