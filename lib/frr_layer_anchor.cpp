// Compiled into every layer library so that a layer with no sources yet is
// still a valid static library. It defines nothing.
