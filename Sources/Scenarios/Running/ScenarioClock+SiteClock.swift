import EmulatedSite

/// A scenario's clock is the emulated site's clock: `advance_clock` and `PUT /__emu/clock` move the same time.
extension ScenarioClock: SiteClock {}
