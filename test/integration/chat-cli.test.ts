// `npm run --silent chat` as a person runs it: one JSON line per input line, embedded defaults,
// and a booking made in one run is found by the next run with the same DATA_DIR.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../support/app.js';

const TSX = path.resolve('node_modules/.bin/tsx');

function chat(lines: string[], args: string[], dataDir: string): Promise<{ user: string; bot: string[] }[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(TSX, ['adapters/console/chat-cli.ts', ...args], {
      env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', REDIS_URL: '', LOG_LEVEL: 'warn' },
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`chat exited ${code}: ${err}`));
      resolve(out.trim().split('\n').map((l) => JSON.parse(l)));
    });
    child.stdin.end(lines.join('\n') + '\n');
  });
}

describe('npm run chat', () => {
  it('books on the web in one run, and a later run finds and cancels it', async () => {
    const dataDir = tempDir();
    const now = ['--now', '2026-11-25T10:00:00+09:00'];
    const first = await chat(
      ['通知書が届いたので12月3日の10時半に予約したい', 'いいえ', 'はい', '5月3日', '090-1234-5678', 'taro@example.jp', 'はい', 'いいえ'],
      [...now, '--channel', 'web', '--user', 'taro'],
      dataDir,
    );
    expect(first).toHaveLength(8);
    expect(first.every((l) => Array.isArray(l.bot) && l.bot.length > 0)).toBe(true);
    const done = first[6]!.bot.join('\n');
    expect(done).toContain('12月3日(木) 10:30〜11:00');
    const number = /予約番号:(\d{4}) (\d{4})/.exec(done);
    expect(number).not.toBeNull();

    const second = await chat(['予約をキャンセルしたい', `${number![1]}${number![2]}`, '5月3日', 'はい'], [...now, '--channel', 'web', '--user', 'taro'], dataDir);
    expect(second.map((l) => l.user)).toEqual(['予約をキャンセルしたい', `${number![1]}${number![2]}`, '5月3日', 'はい']);
    expect(second[2]!.bot.join('\n')).toContain('12月3日(木) 10:30〜11:00');
    expect(second[3]!.bot.join('\n')).toContain('キャンセルしました');
  });

  it('refuses unknown options with a message', async () => {
    await expect(chat([], ['--channel', 'fax'], tempDir())).rejects.toThrow(/web, line or phone/);
  });
});
