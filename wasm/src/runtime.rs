//! The runtime of the shipped `no_std` module: an allocator and a panic handler.

/// talc: smaller and faster than the dlmalloc that std brings; for the modules that
/// allocate much (resource models, search, the client).
#[cfg(any(feature = "decode", feature = "search", feature = "client"))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

/// The webhook and testing wasms allocate little (the arguments, a few vectors, one message) and
/// frees it all before each call returns: lol_alloc's free list (kept sorted by
/// address, adjacent blocks merged when freed, so memory is reused for good) does it
/// in a fraction of talc's code.
#[cfg(not(any(feature = "decode", feature = "search", feature = "client")))]
#[global_allocator]
// SAFETY: a wasm module without threads (no `atomics` target feature) runs on one thread.
static ALLOCATOR: lol_alloc::AssumeSingleThreaded<lol_alloc::FreeListAllocator> =
    unsafe { lol_alloc::AssumeSingleThreaded::new(lol_alloc::FreeListAllocator::new()) };

/// A panic would be a bug (every input has an error path); trapping keeps the
/// message-formatting machinery out of the module.
#[panic_handler]
fn panic(_: &core::panic::PanicInfo<'_>) -> ! {
    core::arch::wasm32::unreachable()
}
