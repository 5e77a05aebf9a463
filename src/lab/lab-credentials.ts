// The lab devices' own lab-only credentials, one entry per device address: what an auditor who owns the devices
// would give camaudit. The demo uses them so that the recorders in the lab list the cameras behind them (issue 19).
// Each profile's credentials are values chosen for the lab (never a vendor default); they are written only to a
// private file the caller removes.
import { loadProfileFile } from './profile.js';
import type { LabState } from './lab.js';

export interface LabCredential {
  host: string;
  username: string;
  password: string;
}

export function labCredentials(st: Pick<LabState, 'devices'>): LabCredential[] {
  const byFile = new Map<string, ReturnType<typeof loadProfileFile>>();
  const out: LabCredential[] = [];
  for (const d of st.devices) {
    if (!byFile.has(d.profileFile)) byFile.set(d.profileFile, loadProfileFile(d.profileFile));
    const c = byFile.get(d.profileFile)!.credentials;
    if (c) out.push({ host: d.ip, username: c.username, password: c.password });
  }
  return out;
}
