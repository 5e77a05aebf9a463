// Runs inside the udp-lab scanner namespace: every UDP discovery module at once (as a scan does) on the
// namespace's interface, optionally with unicast targets; prints JSON {wallMs, perModuleMs, observations, stats}.
// Args: <scannerIp> <subnet cidr> <windowMs> <comma-separated unicast targets or "-"> ["unicast-only": no
// interfaces in the context, so no group/broadcast send at all]
import { makeTestContext } from '../helpers/context.js';
import { networkModules } from '../../src/discovery/index.js';

const [scannerIp, cidr, windowArg, targetsArg, mode] = process.argv.slice(2);
const [net, bitsText] = cidr.split('/');
const bits = Number(bitsText);
const toInt = (ip: string): number => ip.split('.').reduce((a, o) => a * 256 + Number(o), 0);
const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
const inSubnet = (ip: string): boolean => /^\d+\.\d+\.\d+\.\d+$/.test(ip) && ((toInt(ip) & mask) >>> 0) === ((toInt(net) & mask) >>> 0);
const targets = targetsArg === '-' ? [] : targetsArg.split(',');
const netmask = [24, 16, 8, 0].map((s) => (mask >>> s) & 255).join('.');

const { ctx, observations, stats } = makeTestContext({
  inScope: inSubnet,
  interfaces: mode === 'unicast-only' ? [] : [{ name: 'eth0', address: scannerIp, netmask, cidr }],
  unicastTargets: targets,
  discoveryWindowMs: Number(windowArg),
});
const perModuleMs: Record<string, number> = {};
const t0 = performance.now();
await Promise.all(
  networkModules.filter((m) => m.type === 'network').map(async (m) => {
    const s = performance.now();
    await m.run!(ctx);
    perModuleMs[m.name] = Math.round(performance.now() - s);
  }),
);
const wallMs = Math.round(performance.now() - t0);
// Exit only once the (possibly large) JSON is flushed to the pipe.
process.stdout.write(JSON.stringify({ wallMs, perModuleMs, stats: stats.toJSON(), observations: observations.map((o) => ({ host: o.host, module: o.module, kind: o.kind, fields: o.fields, notes: o.notes })) }), () => process.exit(0));
