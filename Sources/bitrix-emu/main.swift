import Foundation

// Parses the command line, runs the command and exits with its code. Output is unbuffered (FileHandle),
// so nothing is lost at exit.
let code = await CommandRunner(root: BitrixEmu.self)
    .run(Array(CommandLine.arguments.dropFirst()), context: .process)
exit(code.rawValue)
