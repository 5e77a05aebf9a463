// Hostile device behaviours for the lab emulator (issue 9). Imported by the emulator at start-up
// (src/lab/emulator/emulator.ts loadHostileBehaviours); each module registers its kinds on import.
// Kinds, parameters and what the scanner is expected to do about each: docs/robustness.md.
import './tcp.js';
import './udp.js';
