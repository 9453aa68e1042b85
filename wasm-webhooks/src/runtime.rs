//! The runtime of a `no_std` module on one thread: its allocator, its panic handler,
//! and the cell its state lives in.

use core::cell::RefCell;

/// The module allocates little (the arguments, a few vectors, one message) and frees it
/// all before each call returns, but lives as long as its process: lol_alloc's free list
/// (kept sorted by address, adjacent blocks merged when freed, so memory is reused for
/// good) does it in a fraction of talc's or dlmalloc's code.
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

/// State kept between calls from JavaScript.
pub struct Local<T>(RefCell<T>);

// SAFETY: a wasm module without threads (no `atomics` target feature) runs on one thread.
unsafe impl<T> Sync for Local<T> {}

impl<T> Local<T> {
    /// A cell holding `value`.
    pub const fn new(value: T) -> Self {
        Self(RefCell::new(value))
    }

    /// Runs `f` on the value; calls do not nest (each export borrows once).
    pub fn with<R>(&self, f: impl FnOnce(&mut T) -> R) -> R {
        f(&mut self.0.borrow_mut())
    }
}
