// kuromoji's IPADIC loaded lean: the same files and the same Tokenizer, ~110 MB resident instead
// of ~320 MB (measured: node --expose-gc, RSS before and after loading, 2026-12-06).
// kuromoji's own loader copies every decompressed file once more (`new Uint8Array(buffer)`),
// keeps the files' zero padding (10 MB buffers holding a few hundred bytes), and turns the word
// map (tid_map, 326k keys) into a JavaScript object of arrays (~76 MB of heap). Here every
// array is a view on the decompressed file, padding past the last byte is cut, and the word
// map stays in typed arrays (offsets per key into one array of ids) behind a Proxy that
// answers `target_map[id]` as kuromoji's ViterbiBuilder asks it. Tokens are the same
// (test/unit/kuromoji-dictionary.test.ts compares both loaders).
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import type kuromoji from 'kuromoji';

const require = createRequire(import.meta.url);
const gunzip = promisify(zlib.gunzip);

/** kuromoji's internals this needs (its package exposes them as files, without types). */
interface ByteBufferDictionary {
  loadDictionary(bytes: Uint8Array): unknown;
  loadPosVector(bytes: Uint8Array): unknown;
  target_map: Record<number, ArrayLike<number>>;
  character_definition?: unknown;
}
interface Dictionaries {
  loadTrie(base: Int32Array, check: Int32Array): unknown;
  loadConnectionCosts(costs: Int16Array): unknown;
  token_info_dictionary: ByteBufferDictionary;
  unknown_dictionary: ByteBufferDictionary;
}
type DictionariesClass = new () => Dictionaries;
type TokenizerClass = new (dic: Dictionaries) => kuromoji.Tokenizer<kuromoji.IpadicFeatures>;
type CharacterDefinitionClass = { load(categories: Uint8Array, compatible: Uint32Array, invoke: Uint8Array): unknown };

/** Cutting padding costs a copy of what is kept: worth it when 64 KiB or more goes. */
const TRIM_AT_LEAST = 64 * 1024;

/**
 * A file decompressed into one buffer of its own, so typed arrays can view it from offset 0:
 * with room for the whole output (gzip's last four bytes give its size) zlib writes one chunk
 * and hands it over, where by default it writes 16 KiB chunks and copies them together.
 */
async function readGzip(dir: string, name: string): Promise<Uint8Array> {
  // Read at once (17 MB from the page cache: milliseconds), so that every file's decompression
  // is queued to the thread pool now and goes on while the main thread is busy (importing the
  // rest of the service at start-up); read in chunks, each chunk would wait for the main thread.
  const gz = fs.readFileSync(path.join(dir, name));
  const size = gz.length >= 18 ? gz.readUInt32LE(gz.length - 4) : 0;
  const bytes = await gunzip(gz, { chunkSize: Math.max(64 * 1024, size + 64) });
  return bytes.byteOffset % 8 === 0 ? bytes : new Uint8Array(bytes);
}

/**
 * Without the zero padding at the end, for files read through kuromoji's ByteBuffer (which
 * reads past its end as zero). A few zero bytes are kept so a number whose high bytes are zero
 * is still read whole.
 */
function withoutPadding(bytes: Uint8Array): Uint8Array {
  let last = bytes.length - 1;
  while (last >= 0 && bytes[last] === 0) last--;
  const keep = Math.min(bytes.length, (Math.ceil((last + 1) / 4) + 4) * 4);
  return bytes.length - keep >= TRIM_AT_LEAST ? bytes.slice(0, keep) : bytes;
}

const int32 = (b: Uint8Array) => new Int32Array(b.buffer, b.byteOffset, b.length >> 2);

/**
 * kuromoji's target map (key → token ids) from its file — an int32 count, then per key: key,
 * n, n ids — as offsets per key into one array of ids. A key met twice keeps both lists, in
 * order, as kuromoji's `addMapping` does; zero padding reads as keys without ids.
 */
export function compactTargetMap(file: Uint8Array): Record<number, ArrayLike<number>> {
  const v = int32(file);
  let maxKey = -1;
  for (let p = 1; p + 1 < v.length; p += 2 + v[p + 1]!) if (v[p + 1]! > 0) maxKey = Math.max(maxKey, v[p]!);
  const offsets = new Int32Array(maxKey + 2);
  for (let p = 1; p + 1 < v.length; p += 2 + v[p + 1]!) offsets[v[p]! + 1]! += v[p + 1]!;
  for (let k = 1; k < offsets.length; k++) offsets[k]! += offsets[k - 1]!;
  const ids = new Int32Array(offsets[offsets.length - 1]!);
  const next = offsets.slice(0, -1);
  for (let p = 1; p + 1 < v.length; p += 2 + v[p + 1]!) {
    const n = v[p + 1]!;
    if (n > 0) ids.set(v.subarray(p + 2, p + 2 + n), (next[v[p]!]! += n) - n);
  }
  const lookUp = (key: string | symbol): Int32Array | undefined => {
    if (typeof key !== 'string') return undefined;
    const k = Number(key);
    if (!Number.isInteger(k) || k < 0 || k > maxKey) return undefined;
    const from = offsets[k]!;
    const to = offsets[k + 1]!;
    return to > from ? ids.subarray(from, to) : undefined;
  };
  return new Proxy(Object.create(null) as Record<number, ArrayLike<number>>, {
    get: (_target, key) => lookUp(key),
    has: (_target, key) => lookUp(key) !== undefined,
  });
}

/** The IPADIC tokenizer from kuromoji's `dict` folder (the same one `kuromoji.builder` builds). */
export async function loadLeanTokenizer(dicPath: string): Promise<kuromoji.Tokenizer<kuromoji.IpadicFeatures>> {
  // Typed arrays read in the platform's byte order; the files are little-endian.
  if (os.endianness() !== 'LE') throw new Error('the lean dictionary needs a little-endian platform');
  const read = (name: string) => readGzip(dicPath, name);
  const [base, check, tid, tidPos, tidMap, cc, unk, unkPos, unkMap, unkChar, unkCompat, unkInvoke] = await Promise.all(
    ['base', 'check', 'tid', 'tid_pos', 'tid_map', 'cc', 'unk', 'unk_pos', 'unk_map', 'unk_char', 'unk_compat', 'unk_invoke'].map((n) => read(`${n}.dat.gz`)),
  );
  const DynamicDictionaries = require('kuromoji/src/dict/DynamicDictionaries.js') as DictionariesClass;
  const CharacterDefinition = require('kuromoji/src/dict/CharacterDefinition.js') as CharacterDefinitionClass;
  const Tokenizer = require('kuromoji/src/Tokenizer.js') as TokenizerClass;
  const dic = new DynamicDictionaries();
  dic.loadTrie(int32(base!), int32(check!));
  dic.token_info_dictionary.loadDictionary(withoutPadding(tid!));
  dic.token_info_dictionary.loadPosVector(withoutPadding(tidPos!));
  dic.token_info_dictionary.target_map = compactTargetMap(tidMap!);
  dic.loadConnectionCosts(new Int16Array(cc!.buffer, cc!.byteOffset, cc!.length >> 1));
  dic.unknown_dictionary.loadDictionary(withoutPadding(unk!));
  dic.unknown_dictionary.loadPosVector(withoutPadding(unkPos!));
  dic.unknown_dictionary.target_map = compactTargetMap(unkMap!);
  dic.unknown_dictionary.character_definition = CharacterDefinition.load(
    unkChar!,
    new Uint32Array(unkCompat!.buffer, unkCompat!.byteOffset, unkCompat!.length >> 2),
    withoutPadding(unkInvoke!),
  );
  return new Tokenizer(dic);
}
