// Filled in by the type system.
