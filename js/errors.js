// The core throws plain Errors that carry the name of the package's error class and its
// fields; this raises them again as instances of that class, so `instanceof` works.

/** Runs `fn`; an error named `name` is raised again as `new ErrorClass(message, fields(error))`. */
export function raisingAs(name, ErrorClass, fn, fields = (error) => error) {
  try {
    return fn();
  } catch (error) {
    if (error instanceof Error && error.name === name) throw new ErrorClass(error.message, fields(error));
    throw error;
  }
}
