/** A snapshot that validated but cannot be compiled (it should not have validated). */
export class CompileError extends Error {
  override name = "CompileError";
}
