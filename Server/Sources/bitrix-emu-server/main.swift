import EmuServer

await ServerCommand.start()
