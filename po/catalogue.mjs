// The message catalogue's tooling, run from anywhere:
//   node po/catalogue.mjs template   extract po/resettle.pot from the sources (xgettext)
//   node po/catalogue.mjs check      fail unless po/resettle.pot matches the sources and po/cy.po has a
//                                    Welsh text for every entry (all six plural forms), different from the
//                                    English unless a translator comment says "identical in Welsh"; and
//                                    unless every word a template writes is between {{#t}} and {{/t}}
//                                    and every word the web layer's C++ gives a staff page is in staff_text.
// The sources are the C++ (by the functions of src/domain/catalogue.hpp) and the staff pages' texts:
// between {{#t}} and {{/t}} in src/web/templates and in staff_text("...") in the C++, which carry the
// context "staff": staff pages stay in English for now, so those entries may wait for their Welsh (once
// given, it is checked like the rest).
// After `template`, translators bring po/cy.po up to date with: msgmerge --update po/cy.po po/resettle.pot
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const templatePath = join(root, 'po', 'resettle.pot');
const welshPath = join(root, 'po', 'cy.po');
const welshPluralForms =
  'nplurals=6; plural=(n==0) ? 0 : (n==1) ? 1 : (n==2) ? 2 : (n==3) ? 3 : (n==6) ? 4 : 5;';
// A translator comment that allows a Welsh text to equal the English: names and numbers.
const identicalMark = /^# identical in Welsh\b/m;

function sources(folder, extension) {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return sources(path, extension);
    return extension.test(entry.name) ? [relative(root, path)] : [];
  }).sort();
}

const quoted = (text) => JSON.stringify(text);

// A C++ string literal, and one or more of them side by side (the compiler joins them).
const literal = String.raw`"(?:[^"\\\n]|\\.)*"`;
const joinedLiterals = (text) => [...text.matchAll(new RegExp(literal, 'g'))].map((m) => JSON.parse(m[0])).join('');

// The staff pages' texts as a .po file xgettext reads beside the C++: the templates' {{#t}} texts, keyed
// by the text trimmed with each run of spaces and line ends made one space, as the template engine
// makes it, and the C++'s staff_text("...") literals. xgettext's keywords cannot give a fixed context,
// hence this file.
function writeStaffTexts(output) {
  const entry = (file, text) => `#: ${file}\nmsgctxt "staff"\nmsgid ${quoted(text)}\nmsgstr ""\n`;
  const templateTexts = sources(join(root, 'src', 'web', 'templates'), /\.mustache$/).flatMap((file) =>
    [...readFileSync(join(root, file), 'utf8').matchAll(/\{\{#t\}\}([\s\S]*?)\{\{\/t\}\}/g)].map((match) =>
      entry(file, match[1].trim().replace(/[ \t\r\n]+/g, ' '))));
  const staffText = new RegExp(String.raw`\bstaff_text\(\s*((?:${literal}\s*)+)[,)]`, 'g');
  const codeTexts = sources(join(root, 'src'), /\.(cpp|hpp)$/).flatMap((file) =>
    [...readFileSync(join(root, file), 'utf8').matchAll(staffText)].map((match) => entry(file, joinedLiterals(match[1]))));
  writeFileSync(output, [...templateTexts, ...codeTexts].join('\n'));
}

// Words a template writes outside {{#t}}: in its text or in an attribute a reader hears or sees
// (aria-label, title, alt, placeholder). A person's pages hold none at all: their words come from
// the C++ in the person's language.
// A partial whose opening comment says it is "included inside a tag" writes attributes, not words.
function unmarkedWords(file) {
  const source = readFileSync(join(root, file), 'utf8');
  if (/^\{\{!(?:(?!\}\})[\s\S])*included inside a tag/.test(source)) return [];
  let text = source
    .replace(/\{\{#t\}\}[\s\S]*?\{\{\/t\}\}/g, '')
    .replace(/\{\{![\s\S]*?\}\}/g, '')
    .replace(/\{\{[\s\S]*?\}\}/g, '')
    .replace(/<(script|style)[\s\S]*?<\/\1>/g, '');
  const attributes = [...text.matchAll(/\b(?:aria-label|title|alt|placeholder)="([^"]*)"/g)].map((m) => m[1]);
  text = text.replace(/<[^>]*>/g, '\n').replace(/&[a-z]+;/g, '');
  return [...text.split('\n'), ...attributes].map((line) => line.trim()).filter((line) => /[A-Za-z]{2,}/.test(line));
}

// Words the web layer's C++ gives a staff page without staff_text: a literal with words given to a view's
// field a reader sees (a title, heading, label, caption, legend, hint, button or summary-list key, or
// any text), either side of a choice (`cond ? "A" : "B"`), a form field's label, a page's title, a
// list's blank choice or an error page's title and message. A person's pages (src/web/person_view)
// translate their words themselves.
const seenField = '(?:text|key|hint|legend|caption|heading|submit|intro|label|page_title|hidden_text|title)';
const unmarkedRules = [
  String.raw`[{[]"${seenField}"\]?\s*[,=]\s*(${literal})`,
  String.raw`[{[]"${seenField}"\]?\s*[,=]\s*[^;{}"?]*\?\s*(${literal})\s*:\s*(${literal})`,
  String.raw`\bform_field\(\w+,\s*${literal},\s*(${literal})`,
  String.raw`\berror_page\([^;"]*?,\s*(${literal}),\s*(${literal})`,
  String.raw`\bpage_view\(\w+,\s*(${literal})`,
].map((rule) => new RegExp(rule, 'g'));

// The last argument of the call whose "(" ends at `from`, skipping nested brackets and strings.
function lastArgument(source, from) {
  let depth = 0, start = from;
  for (let at = from; at < source.length; ++at) {
    const c = source[at];
    if (c === '"') {
      const string = new RegExp(literal, 'y');
      string.lastIndex = at;
      at = string.exec(source) ? string.lastIndex - 1 : at;
    } else if ('([{'.includes(c)) ++depth;
    else if (')]}'.includes(c) && depth-- === 0) return source.slice(start, at).trim();
    else if (c === ',' && depth === 0) start = at + 1;
  }
  return '';
}

function unmarkedCodeWords(file) {
  const source = readFileSync(join(root, file), 'utf8');
  const lineOf = (index) => source.slice(0, index).split('\n').length;
  const found = unmarkedRules.flatMap((rule) => [...source.matchAll(rule)].flatMap((match) =>
    match.slice(1).map((text) => ({ text, line: lineOf(match.index) }))));
  // A list's blank choice: with_blank_option's last argument.
  for (const match of source.matchAll(/\bwith_blank_option\(/g)) {
    const text = lastArgument(source, match.index + match[0].length);
    if (new RegExp(`^${literal}$`).test(text)) found.push({ text, line: lineOf(match.index) });
  }
  return found.filter(({ text }) => /[A-Za-z]{2,}/.test(text)).map(({ text, line }) => `${file}:${line}: ${text}`);
}

// The keywords are the names catalogue.hpp gives its functions.
function extract(output) {
  const work = mkdtempSync(join(tmpdir(), 'resettle-staff-'));
  try {
    const staffTexts = join(work, 'staff.po');
    writeStaffTexts(staffTexts);
    execFileSync('xgettext', [
      '--from-code=UTF-8', '--sort-output', '--add-location=file', '--package-name=resettle',
      '--add-comments=TRANSLATORS:', '--keyword=translated:1', '--keyword=translated_plural:1,2',
      '--keyword=for_translation:1', `--output=${output}`, ...sources(join(root, 'src'), /\.(cpp|hpp)$/), staffTexts,
    ], { cwd: root });
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function unquote(line) {
  return JSON.parse(line);  // po strings escape \" \\ \n \t as JSON does
}

// The entries of a .po/.pot file: { context, msgid, plural, strings: [msgstr or msgstr[n]...], comments }.
function parse(path) {
  const entries = [];
  let entry = null, field = null;
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (line.trim() === '') { entry = null; continue; }
    if (line.startsWith('#~')) continue;  // obsolete entries
    if (!entry) { entry = { context: null, msgid: '', plural: null, strings: [], comments: '' }; entries.push(entry); }
    let match;
    if (line.startsWith('#')) entry.comments += line + '\n';
    else if ((match = line.match(/^msgctxt (".*")$/))) { entry.context = unquote(match[1]); field = 'context'; }
    else if ((match = line.match(/^msgid_plural (".*")$/))) { entry.plural = unquote(match[1]); field = 'plural'; }
    else if ((match = line.match(/^msgid (".*")$/))) { entry.msgid = unquote(match[1]); field = 'msgid'; }
    else if ((match = line.match(/^msgstr(?:\[(\d+)\])? (".*")$/))) {
      field = Number(match[1] ?? 0);
      entry.strings[field] = unquote(match[2]);
    } else if (line.startsWith('"')) {
      if (typeof field === 'number') entry.strings[field] += unquote(line);
      else entry[field] += unquote(line);
    } else throw new Error(`${path}: cannot read the line: ${line}`);
  }
  return entries;
}

const keyOf = (entry) =>
  [entry.context === null ? '' : `${entry.context}\u0004`, entry.msgid, entry.plural === null ? '' : `\u0000${entry.plural}`].join('');
const staffOnly = (entry) => entry.context === 'staff';
const placeholders = (text) => [...text.matchAll(/\(\(([a-z_.]+)\)\)/g)].map((m) => m[1]).sort().join(',');

function problemsWith(template, welsh) {
  const problems = [];
  const fresh = mkdtempSync(join(tmpdir(), 'resettle-pot-'));
  try {
    extract(join(fresh, 'resettle.pot'));
    const want = new Set(parse(join(fresh, 'resettle.pot')).filter((e) => e.msgid).map(keyOf));
    const have = new Set(template.map(keyOf));
    for (const key of want) if (!have.has(key)) problems.push(`po/resettle.pot is stale: lacks ${JSON.stringify(key)}`);
    for (const key of have) if (!want.has(key)) problems.push(`po/resettle.pot is stale: still has ${JSON.stringify(key)}`);
  } finally {
    rmSync(fresh, { recursive: true, force: true });
  }
  const header = welsh.find((entry) => entry.msgid === '');
  if (!header || !header.strings[0].includes(`Plural-Forms: ${welshPluralForms}`))
    problems.push(`po/cy.po must declare Plural-Forms: ${welshPluralForms}`);
  const translations = new Map(welsh.filter((e) => e.msgid).map((entry) => [keyOf(entry), entry]));
  for (const entry of template) {
    const name = JSON.stringify(entry.msgid);
    const found = translations.get(keyOf(entry));
    translations.delete(keyOf(entry));
    if (!found) { problems.push(`po/cy.po has no entry for ${name}`); continue; }
    if (/^#,.*\bfuzzy\b/m.test(found.comments)) problems.push(`po/cy.po marks ${name} fuzzy: check the Welsh`);
    const forms = entry.plural === null ? 1 : 6;
    const english = entry.plural === null ? [entry.msgid] : [entry.msgid, entry.plural];
    for (let form = 0; form < forms; ++form) {
      const text = found.strings[form];
      const which = forms === 1 ? name : `${name} (plural form ${form})`;
      if (!text) {
        if (!staffOnly(entry)) problems.push(`po/cy.po has no Welsh for ${which}`);
        continue;
      }
      if (english.includes(text) && !identicalMark.test(found.comments))
        problems.push(`po/cy.po gives the English as the Welsh for ${which} (mark names and numbers "# identical in Welsh")`);
      if (placeholders(text) !== placeholders(entry.msgid))
        problems.push(`po/cy.po has other ((placeholders)) than the English for ${which}`);
    }
  }
  for (const key of translations.keys()) problems.push(`po/cy.po has an entry no source uses: ${JSON.stringify(key)}`);
  for (const file of sources(join(root, 'src', 'web', 'templates'), /\.mustache$/))
    for (const words of unmarkedWords(file)) problems.push(`${file} writes words outside {{#t}}: ${JSON.stringify(words)}`);
  for (const file of sources(join(root, 'src', 'web'), /\.cpp$/).filter((file) => !file.includes('person_view')))
    for (const words of unmarkedCodeWords(file)) problems.push(`${words} gives a staff page words outside staff_text`);
  return problems;
}

const command = process.argv[2];
if (command === 'template') {
  extract(templatePath);
} else if (command === 'check') {
  const problems = problemsWith(parse(templatePath).filter((e) => e.msgid), parse(welshPath));
  for (const problem of problems) console.error(problem);
  if (problems.length) process.exit(1);
  console.log('po/cy.po has Welsh for every text in po/resettle.pot, which matches the sources');
} else {
  console.error('usage: node po/catalogue.mjs template | check');
  process.exit(2);
}
