// Host-stage retry of the UPnP LOCATION fetch. During the discovery window the TCP sweep can hold every slot
// of the shared limiter (a /24 of liveness probes), so a LOCATION fetch may find no slot before the window
// ends (`late`). This stage-1 host module runs after the host's sweep, with the probe deadline instead of the
// window, and fetches the LOCATIONs of that host's SSDP replies that were not fetched yet. Same rules as the
// window fetch (location-fetch.ts): own address, in scope, http only, never-send guard, one fetch per URL.
import type { DiscoveryModule, HostTarget, ScanContext } from '../../core/module.js';
import { makeObservation } from '../../core/observation.js';
import { failureNote, probeOutcome } from '../../core/failure.js';
import { fetchLocation, LOCATION_FETCHES_MAX, LOCATION_TIMEOUT_MAX_MS, locationRefusal, locationStates } from './location-fetch.js';

export const UPNP_LOCATION_MODULE = 'upnp-location';
/** LOCATIONs retried per host (a device announcing dozens of descriptions gets the first few). */
const PER_HOST_MAX = 4;

async function probeHost(ctx: ScanContext, target: HostTarget): Promise<void> {
  try {
    const states = locationStates(ctx);
    const done = new Set(target.observations.filter((o) => o.kind === 'upnp' && typeof o.fields.location === 'string').map((o) => o.fields.location as string));
    const locations = new Set<string>();
    for (const o of target.observations) {
      if (o.kind !== 'ssdp' || o.host !== target.ip || typeof o.fields.location !== 'string') continue;
      const loc = o.fields.location;
      const st = states.get(loc);
      if (done.has(loc) || st === 'pending' || st === 'done') continue;
      if (locationRefusal(loc, target.ip, ctx.inScope)) continue; // already noted on the SSDP observation
      locations.add(loc);
      if (locations.size >= PER_HOST_MAX) break;
    }
    for (const location of locations) {
      if (ctx.signal.aborted || states.size > LOCATION_FETCHES_MAX * 4) return;
      states.set(location, 'pending');
      const deadlineAt = Date.now() + Math.min(LOCATION_TIMEOUT_MAX_MS, ctx.limits.probeDeadlineMs);
      const st = await fetchLocation(ctx, { host: target.ip, location, deadlineAt, module: UPNP_LOCATION_MODULE }).catch((err: unknown) => {
        ctx.emit(makeObservation(target.ip, UPNP_LOCATION_MODULE, probeOutcome(UPNP_LOCATION_MODULE, 'error', failureNote('LOCATION fetch failed', err), { location })));
        return 'done' as const;
      });
      states.set(location, st);
    }
  } catch (err) {
    ctx.stats.count(UPNP_LOCATION_MODULE, 'error');
    ctx.emit(makeObservation(target.ip, UPNP_LOCATION_MODULE, probeOutcome(UPNP_LOCATION_MODULE, 'error', failureNote('LOCATION retry stopped', err))));
  }
}

export const upnpLocationModule: DiscoveryModule = {
  name: UPNP_LOCATION_MODULE,
  description: 'UPnP description at an SSDP LOCATION the discovery window could not fetch (host stage, after the sweep)',
  type: 'host',
  stage: 1,
  probeHost,
};
