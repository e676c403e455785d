// The bodies of the commands, one extension file per command group (Wiring+State.swift, …). Each function gets
// the parsed, validated command and the output streams, and returns the exit code.

enum Wiring {}
