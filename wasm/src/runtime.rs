//! The runtime of the shipped `no_std` module: an allocator and a panic handler.

/// talc: smaller and faster than the dlmalloc that std brings.
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

/// A panic would be a bug (every input has an error path); trapping keeps the
/// message-formatting machinery out of the module.
#[panic_handler]
fn panic(_: &core::panic::PanicInfo<'_>) -> ! {
    core::arch::wasm32::unreachable()
}
