// The message catalogue's tooling, run from anywhere:
//   node po/catalogue.mjs template   extract po/resettle.pot from the sources (xgettext)
//   node po/catalogue.mjs check      fail unless po/resettle.pot matches the sources and po/cy.po has a
//                                    Welsh text for every entry (all six plural forms), different from the
//                                    English unless a translator comment says "identical in Welsh"; and
//                                    unless every word a template writes is between {{#t}} and {{/t}}
//                                    and every word the web layer's C++ gives a staff page (and every field
//                                    error message a service gives it) is in staff_text; its own samples
//                                    (po/check_samples.cpp) show each shape it knows is still caught.
// The sources are the C++ (by the functions of src/domain/catalogue.hpp) and the staff pages' texts:
// between {{#t}} and {{/t}} in src/web/templates and in staff_text("...") in the C++, which carry the
// context "staff": staff pages stay in English for now, so those entries may wait for their Welsh (once
// given, it is checked like the rest).
// After `template`, translators bring po/cy.po up to date with: msgmerge --update po/cy.po po/resettle.pot
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative } from 'node:path';
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
  const pluralEntry = (file, one, other) =>
    `#: ${file}\nmsgctxt "staff"\nmsgid ${quoted(one)}\nmsgid_plural ${quoted(other)}\nmsgstr[0] ""\nmsgstr[1] ""\n`;
  const templateTexts = sources(join(root, 'src', 'web', 'templates'), /\.mustache$/).flatMap((file) =>
    [...readFileSync(join(root, file), 'utf8').matchAll(/\{\{#t\}\}([\s\S]*?)\{\{\/t\}\}/g)].map((match) =>
      entry(file, match[1].trim().replace(/[ \t\r\n]+/g, ' '))));
  const literals = String.raw`((?:${literal}\s*)+)`;
  const staffText = new RegExp(String.raw`\bstaff_(?:text|label)\(\s*${literals}[,)]`, 'g');
  const staffPlural = new RegExp(String.raw`\bstaff_text_plural\(\s*${literals},\s*${literals}[,)]`, 'g');
  const codeTexts = sources(join(root, 'src'), /\.(cpp|hpp)$/).flatMap((file) => {
    const source = readFileSync(join(root, file), 'utf8');
    return [...[...source.matchAll(staffText)].map((match) => entry(file, joinedLiterals(match[1]))),
            ...[...source.matchAll(staffPlural)].map((match) => pluralEntry(file, joinedLiterals(match[1]), joinedLiterals(match[2])))];
  });
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

// A literal that reads as words: a capitalised word or two words, not a code, a field's name or a path.
const readsAsWords = (text) => /[A-Z][a-z]|[a-z]{2,} +[a-z]/.test(JSON.parse(text));

// Shapes whose literals are page words wherever they stand, caught when they read as words: a branch of
// any choice (also one assigned to a variable first), a text assigned or returned whole, a navigation
// link's name before its path (or as the "name" or "value" of a view), and the items of a list a
// range-for walks (a table's head), and a name after its path in a table (a tab's). Not a header's value.
const wordShapes = [
  String.raw`(?<!:)[?:](?!:)\s*(?:std::string\{\s*)?(${literal})`,
  String.raw`\{\s*(${literal})\s*,\s*"/`,
  String.raw`\{\s*"(?:name|value)"\s*,\s*(${literal})`,
  String.raw`(?:\w|(?<!headers\[${literal})\])\s*=\s*(${literal})\s*;`,
  String.raw`\breturn\s+(${literal})\s*;`,
  String.raw`\bfor\s*\([^;:()]*:\s*\{((?:\s*${literal}\s*,?)+)\}`,
  String.raw`"/[^"\s]*"\s*,\s*(${literal})\s*\}`,
].map((rule) => new RegExp(rule, 'g'));

// Calls whose arguments from the `from`th on are page words: each capability's own view helpers (their
// headings, captions, table heads, row keys, empty-list notes, check-box labels), given here by name.
const wordHelpers = {
  section: 0, table: 0, check_items: 1, term_fields: 2, row: 0, rows_of: 0, tag: 0, warnings_view: 2, referral_list: 3,
  add_basis_and_approver: 2, feed_page: 3, labels_of: 2, calendar_feed_view: 2, text_field: 2, textarea_field: 2,
  date_field: 2, select_field: 2, radios_field: 2, date_form_field: 2, plan_form: 0, person_page: 3, person_form: 3,
  worklist_table: 2, dated_table: 1, transfer_table: 1, sub_navigation: 0,
};
// Calls whose arguments after the field's name are the message a staff page shows for the field (a
// list of errors takes {field, message}).
const messageCalls = { ValidationFailed: 1, fail: 1, 'errors\\.push_back': 0 };

// Where the call whose "(" ends at `from` closes, and its arguments' source text, skipping nested
// brackets, strings and characters.
function callArguments(source, from) {
  const args = [];
  let depth = 0, start = from;
  for (let at = from; at < source.length; ++at) {
    const c = source[at];
    if (c === '"' || c === "'") {
      const quoted = new RegExp(c === '"' ? literal : String.raw`'(?:[^'\\\n]|\\.)*'`, 'y');
      quoted.lastIndex = at;
      at = quoted.exec(source) ? quoted.lastIndex - 1 : at;
    } else if ('([{'.includes(c)) ++depth;
    else if (')]}'.includes(c) && depth-- === 0) {
      args.push({ text: source.slice(start, at), at: start });
      return { args, end: at };
    } else if (c === ',' && depth === 0) {
      args.push({ text: source.slice(start, at), at: start });
      start = at + 1;
    }
  }
  return { args, end: source.length };
}

// `source` with its // comments and every staff_text(...), staff_text_plural(...) and staff_label(...) call
// blanked out (kept the same length and lines, so offsets and line numbers still hold).
function withoutStaffText(commented) {
  const source = commented.replace(new RegExp(String.raw`${literal}|//[^\n]*`, 'g'),
                                   (match) => (match.startsWith('//') ? ' '.repeat(match.length) : match));
  let text = source;
  for (const match of source.matchAll(/\bstaff_(?:text|text_plural|label)\(/g)) {
    const { end } = callArguments(source, match.index + match[0].length);
    text = text.slice(0, match.index) + text.slice(match.index, end + 1).replace(/[^\n]/g, ' ') + text.slice(end + 1);
  }
  return text;
}

// A staff_text whose English is not a literal written in the call: the catalogue cannot see it (a choice
// of two texts is two staff_text calls).
function notLiteral(source) {
  const shapes = [[/\bstaff_(text|label)\(\s*(?!")/g, 'a literal'],
                  [new RegExp(String.raw`\bstaff_text_plural\((?!\s*(?:${literal}\s*)+,\s*")`, 'g'), 'two literals']];
  return shapes.flatMap(([shape, wanted]) => [...source.matchAll(shape)].map((match) =>
    ({ text: `${match[0].replace(/[\s(]+$/, '')}( without ${wanted}`, at: match.index })));
}

// A plural made by hand (`n == 1 ? "day" : "days"`, `n != 1 ? "s" : ""`): English's two forms, when Welsh has
// six. staff_text_plural gives each language its own.
function handMadePlurals(source) {
  const choice = new RegExp(String.raw`[!=]=\s*1\s*\?\s*(${literal})\s*:\s*(${literal})`, 'g');
  return [...source.matchAll(choice)].map((match) =>
    ({ text: `${match[1]} : ${match[2]} (a plural made by hand: use staff_text_plural)`, at: match.index }));
}

// The literals reading as words among the arguments, from the `from`th on, of each call of `calls`
// ({name: from}), with their offsets in `source`.
function wordsInCalls(source, calls) {
  const found = [];
  const names = new RegExp(String.raw`\b(${Object.keys(calls).join('|')})\(`, 'g');
  for (const match of source.matchAll(names)) {
    const { args } = callArguments(source, match.index + match[0].length);
    const from = Object.entries(calls).find(([name]) => new RegExp(`^${name}$`).test(match[1]))[1];
    for (const arg of args.slice(from))
      for (const text of arg.text.matchAll(new RegExp(literal, 'g')))
        if (readsAsWords(text[0])) found.push({ text: text[0], at: arg.at + text.index });
  }
  return found;
}

// The words in `source` (a web-layer file) given to a staff page without staff_text, as "line: literal".
// A file reading API bodies (api.cpp, *_api.cpp, views.cpp) gives its fields' messages to API clients,
// not to a page (`pageFile` false).
function unmarkedCodeWords(original, pageFile = true) {
  const source = withoutStaffText(original);
  const lineOf = (index) => source.slice(0, index).split('\n').length;
  const found = unmarkedRules.flatMap((rule) => [...source.matchAll(rule)].flatMap((match) =>
    match.slice(1).filter((text) => /[A-Za-z]{2,}/.test(text)).map((text) => ({ text, at: match.index }))));
  for (const rule of wordShapes)
    for (const match of source.matchAll(rule))
      for (const text of match[1].matchAll(new RegExp(literal, 'g')))
        if (readsAsWords(text[0])) found.push({ text: text[0], at: match.index + match[0].indexOf(match[1]) + text.index });
  found.push(...wordsInCalls(source, wordHelpers));
  if (pageFile) found.push(...wordsInCalls(source, messageCalls));
  // A list's blank choice: with_blank_option's last argument.
  for (const match of source.matchAll(/\bwith_blank_option\(/g)) {
    const text = callArguments(source, match.index + match[0].length).args.at(-1)?.text.trim() ?? '';
    if (new RegExp(`^${literal}$`).test(text) && /[A-Za-z]{2,}/.test(text)) found.push({ text, at: match.index });
  }
  found.push(...notLiteral(original), ...handMadePlurals(source));
  const lines = new Map(found.map(({ text, at }) => [`${lineOf(at)}: ${text}`, lineOf(at)]));
  return [...lines].sort((a, b) => a[1] - b[1]).map(([words]) => words);
}

// The words a service's C++ gives a staff page without staff_text: the message of a field's error
// (ValidationFailed, FieldReader::fail), which a form shows beside the field. The person's own use
// cases (src/services/person_view) give theirs through `translated`.
function unmarkedMessages(original) {
  const source = withoutStaffText(original);
  const lineOf = (index) => source.slice(0, index).split('\n').length;
  return [...new Set([...wordsInCalls(source, messageCalls), ...notLiteral(original)].map(({ text, at }) => `${lineOf(at)}: ${text}`))];
}

// The check's own samples (po/check_samples.cpp): every line ending "// unmarked" must be caught, and no
// other line. This shows each shape above still fails the check when a word is left unmarked.
function samplesMisread() {
  const file = join('po', 'check_samples.cpp');
  const source = readFileSync(join(root, file), 'utf8');
  const expected = source.split('\n').flatMap((line, index) => (/\/\/ unmarked$/.test(line) ? [index + 1] : []));
  const caught = new Set([...unmarkedCodeWords(source), ...unmarkedMessages(source)].map((words) => Number(words.split(':')[0])));
  return [
    ...expected.filter((line) => !caught.has(line)).map((line) => `${file}:${line}: the check misses this unmarked word`),
    ...[...caught].filter((line) => !expected.includes(line)).map((line) => `${file}:${line}: the check flags this marked word`),
  ];
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
  const staffCode = (folder) => sources(join(root, 'src', folder), /\.cpp$/).filter((file) => !file.includes('person_view'));
  for (const file of staffCode('web').filter((file) => !file.includes('/http/')))
    for (const words of unmarkedCodeWords(readFileSync(join(root, file), 'utf8'), !/(?:^|_)(?:api|views)\.cpp$/.test(basename(file))))
      problems.push(`${file}:${words} gives a staff page words outside staff_text`);
  for (const file of staffCode('services'))
    for (const words of unmarkedMessages(readFileSync(join(root, file), 'utf8')))
      problems.push(`${file}:${words} gives a staff page a message outside staff_text`);
  problems.push(...samplesMisread());
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
