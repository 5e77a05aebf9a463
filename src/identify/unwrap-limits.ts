// The one bound every wrapper reader (unwrap*.ts) shares: how many lines of a sample it splits and walks. A paste is a
// few hundred lines; 20,000 keeps a megabyte of one-character lines from costing more than the identify time budget.
export const LINES_MAX = 20_000;
