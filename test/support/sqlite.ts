// An independent reader for the packages we write: Python's own sqlite3 module and zipfile, not sql.js.
import { execFileSync } from 'node:child_process';

const READER = `
import json, sqlite3, sys, tempfile, zipfile, os
z = zipfile.ZipFile(sys.argv[1])
names = z.namelist()
d = tempfile.mkdtemp()
path = z.extract('collection.anki2', d)
con = sqlite3.connect(path)
def rows(q):
    cur = con.execute(q)
    cols = [c[0] for c in cur.description]
    return [dict(zip(cols, r)) for r in cur.fetchall()]
out = {
  'entries': names,
  'col': rows('select * from col'),
  'notes': rows('select * from notes order by id'),
  'cards': rows('select * from cards order by id'),
  'tables': [r['name'] for r in rows("select name from sqlite_master where type='table' order by name")],
  'integrity': con.execute('pragma integrity_check').fetchone()[0],
}
print(json.dumps(out, ensure_ascii=False))
`;

export interface PackageDump {
  entries: string[];
  col: Record<string, string | number>[];
  notes: { id: number; guid: string; mid: number; mod: number; usn: number; tags: string; flds: string; sfld: string; csum: number; flags: number; data: string }[];
  cards: { id: number; nid: number; did: number; ord: number; type: number; queue: number; due: number }[];
  tables: string[];
  integrity: string;
}

export function readPackage(apkgPath: string): PackageDump {
  const json = execFileSync('python3', ['-c', READER, apkgPath], { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
  return JSON.parse(json) as PackageDump;
}
