/* test_content.c: the authoring format. Good files parse; each kind of mistake is reported with its
 * file, its line and a message that says what is wrong. */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/utf8.h"
#include "domain/content.h"

static struct arena A;
static struct content C;
static void setup(void)
{
	arena_init(&A, 64u << 20);
	memset(&C, 0, sizeof(C));
	C.arena = &A;
}
static void teardown(void) { arena_free(&A); }

/* True when some diagnostic on `line` (0: any) contains `text`. */
static bool said(int line, const char *text)
{
	for (const struct diag *d = C.diags; d; d = d->next)
		if ((line == 0 || d->line == line) && strstr(d->msg, text) != NULL)
			return true;
	return false;
}

static void dump(void)
{
	for (const struct diag *d = C.diags; d; d = d->next)
		fprintf(stderr, "  %s:%d: %s\n", d->file, d->line, d->msg);
}

static const char good_quiz[] =
	"# comment\n"
	"[question q1]\n"
	"kind: single\n"
	"text: Which one?\n"
	"  Read carefully.\n"
	"option: Wrong\n"
	"feedback: No (\xc2\xb6" "1).\n"
	"option*: Right\n"
	"feedback: Yes (\xc2\xb6" "1).\n"
	"explanation: Because (\xc2\xb6" "1).\n"
	"source: \xc2\xb6" "1\n"
	"\n"
	"[question q2]\n"
	"kind: multiple\n"
	"text: Which ones?\n"
	"option*: A\n"
	"option*: B\n"
	"option: C\n"
	"explanation: A and B.\n"
	"source: \xc2\xb6" "2-3\n"
	"\n"
	"[question q3]\n"
	"kind: truefalse\n"
	"text: Is it so?\n"
	"option: True\n"
	"option*: False\n"
	"explanation: It is not.\n"
	"source: \xc2\xb6" "4\n";

Test(content, good_questions, .init = setup, .fini = teardown)
{
	struct question *q;
	int n;
	content_parse_questions(&C, "quiz.txt", good_quiz, &q, &n);
	if (C.errors)
		dump();
	cr_assert_eq(C.errors, 0);
	cr_assert_eq(n, 3);
	cr_expect_str_eq(q[0].id, "q1");
	cr_expect_str_eq(q[0].text, "Which one? Read carefully.");
	cr_expect_eq(q[0].nopts, 2);
	cr_expect(q[0].opts[1].correct && !q[0].opts[0].correct);
	cr_expect_str_eq(q[0].opts[0].feedback, "No (\xc2\xb6" "1).");
	cr_expect_eq(q[1].kind, QK_MULTIPLE);
	cr_expect_eq(q[2].kind, QK_TRUEFALSE);
	cr_expect_eq(C.warnings, 5, "the five options without feedback are warned about");
	/* Scoring: the multiple-select answer is right only as the exact set. */
	int ab[] = {0, 1}, a[] = {0}, abc[] = {0, 1, 2}, dup[] = {0, 0}, bad[] = {7};
	cr_expect(question_correct(&q[1], ab, 2));
	cr_expect_not(question_correct(&q[1], a, 1));
	cr_expect_not(question_correct(&q[1], abc, 3));
	cr_expect_not(question_correct(&q[1], dup, 2));
	cr_expect_not(question_correct(&q[1], bad, 1));
	int one[] = {1};
	cr_expect(question_correct(&q[0], one, 1));
	cr_expect_not(question_correct(&q[0], a, 1));
	cr_expect_not(question_correct(&q[0], NULL, 0));
}

struct bad { const char *text; int line; const char *says; };
ParameterizedTestParameters(content, broken_questions)
{
	static struct bad v[] = {
		{"[question a]\nkind: single\ntext: T\noption: x\noption: y\nexplanation: E\nsource: \xc2\xb6" "1\n", 1,
		 "no correct answer"},
		{"[question a]\nkind: single\ntext: T\noption*: x\noption*: y\nexplanation: E\nsource: \xc2\xb6" "1\n", 1,
		 "exactly one correct"},
		{"[question a]\nkind: truefalse\ntext: T\noption*: Yes\noption: No\nexplanation: E\nsource: \xc2\xb6" "1\n", 1,
		 "True and False"},
		{"[question a]\nkind: maybe\ntext: T\noption*: x\noption: y\nexplanation: E\nsource: \xc2\xb6" "1\n", 1,
		 "not single, multiple or truefalse"},
		{"[question a]\nkind: single\noption*: x\noption: y\nexplanation: E\nsource: \xc2\xb6" "1\n", 1, "no 'text'"},
		{"[question a]\nkind: single\ntext: T\noption*: x\noption: y\nsource: \xc2\xb6" "1\n", 1, "no 'explanation'"},
		{"[question a]\nkind: single\ntext: T\noption*: x\noption: y\nexplanation: E\nsource: paragraph 1\n", 1,
		 "must cite a paragraph"},
		{"[question a]\nkind: single\ntext: T\noption*: x\nexplanation: E\nsource: \xc2\xb6" "1\n", 1, "at least 2 options"},
		{"[question a]\nkind: single\ntext: T\nfeedback: early\noption*: x\noption: y\nexplanation: E\nsource: \xc2\xb6" "1\n",
		 4, "feedback belongs after"},
		{"[question a]\nkind: single\ntext: T\noption*: x\nfeedback: 1\nfeedback: 2\noption: y\nexplanation: E\nsource: \xc2\xb6" "1\n",
		 6, "two feedbacks"},
		{"[question a]\nkind: single\ntext: T\nanswer: x\noption*: x\noption: y\nexplanation: E\nsource: \xc2\xb6" "1\n", 4,
		 "unknown key 'answer'"},
		{"[question a]\nkind: single\nkind: single\ntext: T\noption*: x\noption: y\nexplanation: E\nsource: \xc2\xb6" "1\n",
		 3, "given twice"},
		{"[question a]\nkind: single\ntext: T\noption*: x\noption: y\nexplanation: E\nsource: \xc2\xb6" "1\n\n"
		 "[question a]\nkind: single\ntext: T\noption*: x\noption: y\nexplanation: E\nsource: \xc2\xb6" "1\n", 9,
		 "used twice (first on line 1)"},
		{"[question Bad_Id]\nkind: single\ntext: T\noption*: x\noption: y\nexplanation: E\nsource: \xc2\xb6" "1\n", 1,
		 "must be 1 to 40"},
		{"[quiz a]\n", 1, "unknown block [quiz]"},
		{"kind: single\n", 1, "before the first [question] block"},
		{"[question a]\nthis line has no colon\n", 2, "expected 'key: value'"},
		{"  stray continuation\n", 1, "continues a value"},
		{"[question a\n", 1, "[kind id]"},
	};
	return cr_make_param_array(struct bad, v, sizeof(v) / sizeof(v[0]));
}
ParameterizedTest(struct bad *v, content, broken_questions, .init = setup, .fini = teardown)
{
	struct question *q;
	int n;
	content_parse_questions(&C, "quiz.txt", v->text, &q, &n);
	cr_expect_gt(C.errors, 0, "no error for: %s", v->text);
	if (!said(v->line, v->says)) {
		dump();
		cr_expect_fail("line %d should say '%s'", v->line, v->says);
	}
}

static const char good_scenario[] =
	"title: A case\n"
	"start: one\n"
	"\n"
	"[step one]\n"
	"text: It begins.\n"
	"choice: Go left -> two\n"
	"feedback: Left (\xc2\xb6" "1).\n"
	"choice: Go right -> bad-end\n"
	"feedback: Right.\n"
	"\n"
	"[step two]\n"
	"text: Then.\n"
	"choice: Finish -> good-end\n"
	"feedback: Done.\n"
	"\n"
	"[ending good-end]\n"
	"outcome: good\n"
	"title: Well done\n"
	"text: It ends well.\n"
	"\n"
	"[ending bad-end]\n"
	"outcome: poor\n"
	"title: Not so well\n"
	"text: It ends badly.\n";

Test(content, good_scenario, .init = setup, .fini = teardown)
{
	struct scenario s;
	content_parse_scenario(&C, "scenario.txt", good_scenario, &s);
	if (C.errors)
		dump();
	cr_assert_eq(C.errors, 0);
	cr_expect_str_eq(s.title, "A case");
	cr_expect_str_eq(s.start, "one");
	cr_assert_eq(s.nsteps, 4);
	cr_expect_eq(s.steps[0].nchoices, 2);
	cr_expect_str_eq(s.steps[0].choices[0].label, "Go left");
	cr_expect_str_eq(s.steps[0].choices[0].target, "two");
	cr_expect(s.steps[2].ending && s.steps[2].outcome == OUTCOME_GOOD);
	cr_expect_eq(s.steps[3].outcome, OUTCOME_POOR);
}

ParameterizedTestParameters(content, broken_scenarios)
{
	static struct bad v[] = {
		{"title: T\nstart: one\n\n[step one]\ntext: x\nchoice: Go -> nowhere\nfeedback: f\n", 6,
		 "leads to 'nowhere', which is not a step"},
		{"title: T\nstart: one\n\n[step one]\ntext: x\nchoice: Go -> two\nfeedback: f\n\n[step two]\ntext: y\n"
		 "choice: Back -> one\nfeedback: f\n", 1, "no [ending]"},
		{"title: T\nstart: one\n\n[step one]\ntext: x\nchoice: Go -> end\nfeedback: f\n\n[step lost]\ntext: y\n"
		 "choice: Go -> end\nfeedback: f\n\n[ending end]\noutcome: good\ntitle: E\ntext: e\n", 9,
		 "step lost cannot be reached"},
		{"title: T\nstart: one\n\n[step one]\ntext: x\nchoice: Loop -> two\nfeedback: f\nchoice: End -> end\nfeedback: f\n\n"
		 "[step two]\ntext: y\nchoice: Again -> three\nfeedback: f\n\n[step three]\ntext: z\nchoice: Back -> two\n"
		 "feedback: f\n\n[ending end]\noutcome: good\ntitle: E\ntext: e\n", 11, "no path leads to an ending"},
		{"title: T\nstart: missing\n\n[ending end]\noutcome: good\ntitle: E\ntext: e\n", 1, "start 'missing' is not a step"},
		{"start: one\n\n[ending one]\noutcome: good\ntitle: E\ntext: e\n", 1, "no 'title'"},
		{"title: T\nstart: one\n\n[ending one]\noutcome: great\ntitle: E\ntext: e\n", 4, "not good, mixed or poor"},
		{"title: T\nstart: one\n\n[step one]\ntext: x\n\n[ending e]\noutcome: good\ntitle: E\ntext: e\n", 4,
		 "offers no choice"},
		{"title: T\nstart: one\n\n[step one]\ntext: x\nchoice: no arrow here\nfeedback: f\n\n[ending e]\noutcome: good\ntitle: E\ntext: e\n",
		 6, "choice reads"},
		{"title: T\nstart: one\n\n[step one]\ntext: x\nchoice: Go -> e\nfeedback: f\n\n[ending e]\noutcome: good\ntitle: E\ntext: e\n"
		 "choice: more -> one\n", 13, "unknown key 'choice'"},
		{"title: T\nstart: one\n\n[scene one]\ntext: x\n", 4, "unknown block [scene]"},
		{"title: T\nstart: one\n\n[step one]\ntext: x\nchoice: Go -> e\nfeedback: f\n\n[step one]\ntext: x\nchoice: Go -> e\n"
		 "feedback: f\n\n[ending e]\noutcome: good\ntitle: E\ntext: e\n", 9, "used twice"},
		/* Found by fuzz_content (tests/fuzz/corpus/fuzz_content/scenario-long-target): a link or a start
		 * longer than any step id was cut to 40 bytes, and then led to the step its first 40 bytes name. */
		{"title: T\nstart: a\n\n[step a]\ntext: Go\nchoice: on -> bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbX\nfeedback: ok\n\n"
		 "[ending bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb]\noutcome: good\ntitle: End\ntext: Done\n", 6,
		 "leads to 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbX', which is not a step"},
		{"title: T\nstart: bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbX\n\n"
		 "[ending bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb]\noutcome: good\ntitle: End\ntext: Done\n", 1,
		 "start 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbX' is not a step"},
	};
	return cr_make_param_array(struct bad, v, sizeof(v) / sizeof(v[0]));
}
ParameterizedTest(struct bad *v, content, broken_scenarios, .init = setup, .fini = teardown)
{
	struct scenario s;
	content_parse_scenario(&C, "scenario.txt", v->text, &s);
	cr_expect_gt(C.errors, 0);
	if (!said(v->line, v->says)) {
		dump();
		cr_expect_fail("line %d should say '%s'", v->line, v->says);
	}
}

/* Found by fuzz_content (tests/fuzz/corpus/fuzz_content/quiz-long-id): a long id in another script was
 * cut in the middle of a character, and the message naming it was not UTF-8. */
Test(content, long_names_are_cut_between_characters, .init = setup, .fini = teardown)
{
	char text[400] = "[question ";
	for (int i = 0; i < 45; i++)
		strcat(text, "\xc3\xa9");   /* é: two bytes, so a cut at an odd byte count splits one */
	strcat(text, "]\nkind: single\ntext: Q\noption*: A\noption: B\nexplanation: e\nsource: \xc2\xb6" "1\n");
	struct question *q;
	int n;
	content_parse_questions(&C, "quiz.txt", text, &q, &n);
	cr_expect(said(1, "must be 1 to 40"));
	for (const struct diag *d = C.diags; d; d = d->next)
		cr_expect(utf8_valid(d->msg, strlen(d->msg)), "not UTF-8: %s", d->msg);
	cr_assert_eq(n, 1);
	cr_expect(utf8_valid(q[0].id, strlen(q[0].id)));
	/* A message longer than its buffer loses whole characters too. */
	char mod[1200] = "title: T\nsummary: S\nshow-answers: ";
	for (int i = 0; i < 300; i++)
		strcat(mod, "\xe2\x82\xac");   /* €: three bytes */
	strcat(mod, "\n");
	memset(&C, 0, sizeof(C));
	C.arena = &A;
	struct module m = {0};
	content_parse_module_file(&C, "module.txt", mod, &m);
	cr_expect(said(3, "show-answers"));
	for (const struct diag *d = C.diags; d; d = d->next)
		cr_expect(utf8_valid(d->msg, strlen(d->msg)), "not UTF-8: %s", d->msg);
}

Test(content, markdown_is_rendered_once_and_checked, .init = setup, .fini = teardown)
{
	static struct term terms[] = {{.id = "mwc", .name = "Migrant Workers Convention", .text = "A treaty."}};
	C.terms = terms;
	C.nterms = 1;
	const char *title = NULL;
	struct readability words = {0};
	const char *html = content_markdown(&C, "l.md",
	                                    "# A lesson\n\nSome *text* about the [Convention](glossary:mwc) (\xc2\xb6" "12).\n\n"
	                                    "## Key points\n\n- one\n",
	                                    &title, &words);
	cr_assert_eq(C.errors, 0);
	cr_expect_str_eq(title, "A lesson");
	cr_expect_not_null(strstr(html, "<em>text</em>"));
	cr_expect_not_null(strstr(html, "<a href=\"#g-mwc\">Convention</a>"), "the word links to its definition");
	cr_expect_not_null(strstr(html, "</p>\n<details class=\"term\"><summary>Glossary: Migrant Workers "
	                                "Convention</summary>\n<p id=\"g-mwc\">A treaty. <a href=\"/glossary#mwc\">"),
	                   "the definition opens in place, after the paragraph: %s", html);
	cr_expect_null(strstr(html, "<h1>"), "the title is not repeated in the body");
	cr_expect_gt(words.words, 6);

	content_markdown(&C, "bad.md", "# T\n\nText <b>bold</b>.\n\n<div>block</div>\n\n[x](glossary:nope) "
	                               "[y](javascript:alert(1)) ![i](https://example.org/i.png)\n", &title, &words);
	cr_expect(said(3, "raw HTML"));
	cr_expect(said(5, "raw HTML"));
	cr_expect(said(7, "no glossary term 'nope'"));
	cr_expect(said(7, "javascript:"));
	cr_expect(said(7, "images must be served by Passage"));
	content_markdown(&C, "untitled.md", "Text without a title.\n", &title, &words);
	cr_expect(said(1, "starts with its title"));
}

/* Citations read as small numbered marks; the Sources list at the end says which paragraph supports which
 * sentence, by the sentence's first words (escaped), and links back. A word's definition comes once, after
 * its first paragraph; later uses link to it. */
Test(content, citations_become_source_marks_and_a_sources_list, .init = setup, .fini = teardown)
{
	static struct term terms[] = {{.id = "mwc", .name = "M<W>C", .text = "A \"treaty\" & more."}};
	C.terms = terms;
	C.nterms = 1;
	struct readability read;
	const char *html = content_markdown(&C, "l.md",
	                                    "# T\n\nMr. Ndiaye said the [MWC](glossary:mwc) matters (\xc2\xb6" "12). "
	                                    "Rights <are> for all (\xc2\xb6" "7, footnote 2).\n\n"
	                                    "A sign (\xc2\xb6) is no citation. The [MWC](glossary:mwc) again.\n",
	                                    NULL, &read);
	cr_assert_eq(C.errors, 1, "the raw <are>");
	cr_expect_not_null(strstr(html, "matters<sup class=\"src\"><a id=\"ref-1\" href=\"#src-1\" aria-label=\"source 1: "
	                                "\xc2\xb6" "12\">1</a></sup>. "), "the mark replaces the brackets: %s", html);
	cr_expect_not_null(strstr(html, "<li id=\"src-1\">\xc2\xb6" "12: “Mr. Ndiaye said the MWC matters”"));
	cr_expect_not_null(strstr(html, "<li id=\"src-2\">\xc2\xb6" "7, footnote 2: “Rights"));
	cr_expect_not_null(strstr(html, "<a href=\"#ref-2\""), "back to the text");
	cr_expect_not_null(strstr(html, "A sign (\xc2\xb6) is no citation."));
	cr_expect_null(strstr(html, "src-3"), "two citations, two marks");
	cr_expect_not_null(strstr(html, "<summary>Glossary: M&lt;W&gt;C</summary>\n<p id=\"g-mwc\">A &quot;treaty&quot; &amp; more."));
	const char *second = strstr(html, "<details");
	cr_expect_null(second ? strstr(second + 1, "<details") : NULL, "one definition for two uses");
	cr_expect_not_null(strstr(html, "The <a href=\"#g-mwc\">MWC</a> again."));
	cr_expect_lt(strstr(html, "<details"), strstr(html, "A sign"), "the definition follows the first use");
	cr_expect_not_null(strstr(html, "<section class=\"sources\""));
	cr_expect_eq(read.sentences, 5, "the heading and four sentences: %d", read.sentences);
}

/* A run of sentences of one block that cite the same paragraph is one source: one mark, after the last,
 * and one entry from the first sentence to the last. */
Test(content, a_run_of_one_citation_is_one_source, .init = setup, .fini = teardown)
{
	const char *html = content_markdown(&C, "l.md",
	                                    "# T\n\nThe report found growth (\xc2\xb6" "44). It hit jobs (\xc2\xb6" "44). "
	                                    "She said more (\xc2\xb6" "42). Then less (\xc2\xb6" "44).\n\nAgain this (\xc2\xb6" "42).\n",
	                                    NULL, NULL);
	cr_expect_not_null(strstr(html, "<p>The report found growth. It hit jobs<sup class=\"src\"><a id=\"ref-1\""), "%s", html);
	cr_expect_not_null(strstr(html, "<li id=\"src-1\">\xc2\xb6" "44: the sentences from “The report found growth” to “It hit jobs”"));
	cr_expect_not_null(strstr(html, "<li id=\"src-2\">\xc2\xb6" "42: “She said more”"));
	cr_expect_not_null(strstr(html, "<li id=\"src-3\">\xc2\xb6" "44: “Then less”"), "not after another source");
	cr_expect_not_null(strstr(html, "<li id=\"src-4\">\xc2\xb6" "42: “Again this”"), "not in another block");
	cr_expect_null(strstr(html, "src-5"));
	cr_expect_null(strstr(html, "ref-1\" href=\"#src-1\" aria-label=\"source 1: \xc2\xb6" "44\">1</a></sup>. It hit"),
	               "the first mark of the run is gone");
}

/* The summary records no view of "the seminar" (¶3, ¶58): a text that gives it one is an error, wherever
 * a trainee reads it; a speaker "at the seminar", or the words quoted, are not. */
Test(content, the_seminar_has_no_voice_of_its_own, .init = setup, .fini = teardown)
{
	const char *bad[] = {"The seminar said so.", "As the seminar heard, x.", "the Seminar warned", "and the seminar noted it"};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		content_check_voice(&C, "l.md", (int)i + 1, bad[i], strlen(bad[i]));
	cr_expect_eq(C.errors, 4);
	cr_expect(said(1, "\"seminar said\": the summary records no view of the seminar as a whole"));
	cr_expect(said(3, "seminar warned"));
	const char *fine[] = {"Participants at the seminar said so.", "One speaker at the seminar noted it.",
	                      "Never write \"the seminar said\".", "The seminar was one day.", "the seminar sayings",
	                      "During the seminar, Ms. Gabriel said"};
	for (size_t i = 0; i < sizeof(fine) / sizeof(fine[0]); i++)
		content_check_voice(&C, "l.md", 10, fine[i], strlen(fine[i]));
	cr_expect_eq(C.errors, 4, "%d", C.errors);
	content_parse_glossary(&C, "glossary.txt", "[term x]\nname: X\ntext: The seminar stressed it (\xc2\xb6" "3).\n");
	cr_expect_eq(C.errors, 5, "a glossary text too");
}

/* Found by fuzz_content (tests/fuzz/corpus/fuzz_content/lesson-tab-code): the words were counted in the
 * Markdown written back, so a code fence, a list's bullet or a heading's # each counted as a word ("\tb"
 * made 3 words). */
Test(content, lesson_words_are_those_a_reader_reads, .init = setup, .fini = teardown)
{
	struct readability words;
	content_markdown(&C, "l.md", "# Title\n\n- one\n- two\n\n```\ncode here\n```\n\n## Then\n\n1. x*y*z\n> a  \nb\n",
	                 NULL, &words);
	cr_expect_eq(words.words, 9, "%d words (one two code here Then xyz a b, and the title)", words.words);
	content_markdown(&C, "l.md", "\tb", NULL, &words);
	cr_expect_eq(words.words, 1);
}

/* A whole module folder on disk, read by content_read. */
static char dir[64];
static void put_file(const char *rel, const char *text)
{
	char path[256];
	snprintf(path, sizeof(path), "%s/%s", dir, rel);
	FILE *f = fopen(path, "w");
	cr_assert_not_null(f, "%s", path);
	fputs(text, f);
	fclose(f);
}

/* A module's title and summary are limited in characters (80 and 300), whatever their script; a file that
 * is not UTF-8 is named with its line, not loaded to be refused by the database. */
static bool said_in(const struct content *c, const char *file, int line, const char *text)
{
	for (const struct diag *d = c->diags; d; d = d->next)
		if (!d->warning && strcmp(d->file, file) == 0 && (line == 0 || d->line == line) && strstr(d->msg, text))
			return true;
	return false;
}

Test(content, limits_count_characters, .init = setup, .fini = teardown)
{
	strcpy(dir, "/tmp/passage-content-XXXXXX");
	cr_assert_not_null(mkdtemp(dir));
	char sub[128], title[1024], summary[2048], module[4096];
	snprintf(sub, sizeof(sub), "%s/sample", dir);
	mkdir(sub, 0755);
	snprintf(sub, sizeof(sub), "%s/sample/lessons", dir);
	mkdir(sub, 0755);
	put_file("sample/lessons/01-first.md", "# First\n\nOne.\n");
	put_file("sample/quiz.txt", good_quiz);
	put_file("sample/scenario.txt", good_scenario);
	/* 80 emoji (320 bytes) and 300 Ethiopic letters (900 bytes): at the limits. */
	strcpy(title, "title: ");
	for (int i = 0; i < 80; i++)
		strcat(title, "🌍");
	strcpy(summary, "\nsummary: ");
	for (int i = 0; i < 300; i++)
		strcat(summary, "ሰ");
	snprintf(module, sizeof(module), "%s%s\n", title, summary);
	put_file("sample/module.txt", module);
	struct content c;
	content_read(&A, dir, &c);
	cr_expect_not(said_in(&c, "sample/module.txt", 0, "longer than"), "80 emoji and 300 Ethiopic letters fit");
	/* One more character each: refused, in characters. */
	snprintf(module, sizeof(module), "%s🌍%sሰ\n", title, summary);
	put_file("sample/module.txt", module);
	content_read(&A, dir, &c);
	cr_expect(said_in(&c, "sample/module.txt", 1, "the title is longer than 80 characters"));
	cr_expect(said_in(&c, "sample/module.txt", 1, "the summary is longer than 300 characters"));
	/* 81 ASCII digits are 81 characters too. */
	snprintf(module, sizeof(module), "title: %081d\nsummary: S\n", 0);
	put_file("sample/module.txt", module);
	content_read(&A, dir, &c);
	cr_expect(said_in(&c, "sample/module.txt", 1, "the title is longer than 80 characters"));
	/* A lesson saved as Latin-1: its line is named. */
	put_file("sample/module.txt", "title: Sample\nsummary: S\n");
	put_file("sample/lessons/01-first.md", "# First\n\nCaf\xe9 au lait.\n");
	content_read(&A, dir, &c);
	cr_expect(said_in(&c, "sample/lessons/01-first.md", 3, "is not valid UTF-8"));
	snprintf(sub, sizeof(sub), "rm -rf %s", dir);
	cr_expect_eq(system(sub), 0);
}

Test(content, module_folder, .init = setup, .fini = teardown)
{
	strcpy(dir, "/tmp/passage-content-XXXXXX");
	cr_assert_not_null(mkdtemp(dir));
	char sub[128];
	snprintf(sub, sizeof(sub), "%s/sample", dir);
	mkdir(sub, 0755);
	snprintf(sub, sizeof(sub), "%s/sample/lessons", dir);
	mkdir(sub, 0755);
	put_file("glossary.txt", "[term mwc]\nname: MWC\ntext: A treaty (\xc2\xb6" "12).\n");
	put_file("sample/module.txt", "title: Sample\nsummary: A sample module,\n  on two lines.\npass-mark: 70\nattempts: 2\n");
	put_file("sample/lessons/02-second.md", "# Second\n\nTwo.\n");
	put_file("sample/lessons/01-first.md", "# First\n\nOne, about the [MWC](glossary:mwc).\n");
	put_file("sample/quiz.txt", good_quiz);
	put_file("sample/scenario.txt", good_scenario);
	put_file("sample/notes.md", "# Notes\n\nFor staff.\n");
	struct content c;
	content_read(&A, dir, &c);
	for (const struct diag *d = c.diags; d; d = d->next)
		if (!d->warning)
			fprintf(stderr, "%s:%d: %s\n", d->file, d->line, d->msg);
	cr_assert_eq(c.errors, 0);
	cr_assert_eq(c.nmodules, 1);
	const struct module *m = &c.modules[0];
	cr_expect_str_eq(m->slug, "sample");
	cr_expect_str_eq(m->summary, "A sample module, on two lines.");
	cr_expect_eq(m->pass_mark, 70);
	cr_expect_eq(m->attempts, 2);
	cr_assert_eq(m->nlessons, 2);
	cr_expect_str_eq(m->lessons[0].title, "First", "lessons in file-name order");
	cr_expect_eq(m->nquiz, 3);
	cr_expect_eq(m->nprecheck, 0);
	cr_expect(m->has_scenario);
	cr_expect_not_null(m->notes_html);
	char first[65];
	strcpy(first, m->hash);
	content_read(&A, dir, &c);
	cr_expect_str_eq(c.modules[0].hash, first, "nothing edited: the same fingerprint");

	/* The lessons show the glossary's definitions in place: a definition edited is a new revision. */
	put_file("glossary.txt", "[term mwc]\nname: MWC\ntext: A treaty, edited (\xc2\xb6" "12).\n");
	content_read(&A, dir, &c);
	cr_expect_str_neq(c.modules[0].hash, first);
	strcpy(first, c.modules[0].hash);

	/* An edit changes the fingerprint; a bad module.txt is reported with its file. */
	put_file("sample/lessons/02-second.md", "# Second\n\nTwo, edited.\n");
	put_file("sample/module.txt", "title: Sample\nsummary: S\npass-mark: 101\ncolour: blue\n");
	content_read(&A, dir, &c);
	cr_expect_str_neq(c.modules[0].hash, first);
	bool saw_pass = false, saw_key = false;
	for (const struct diag *d = c.diags; d; d = d->next) {
		saw_pass = saw_pass || (strcmp(d->file, "sample/module.txt") == 0 && d->line == 3 && strstr(d->msg, "from 1 to 100"));
		saw_key = saw_key || (d->line == 4 && strstr(d->msg, "unknown key 'colour'"));
	}
	cr_expect(saw_pass && saw_key);
	char cmd[128];
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	cr_expect_eq(system(cmd), 0);
}

/* ---- where the right answers are written, and when the review shows them ---- */

#include "domain/progress.h"

/* A question: `right` lists its correct options (a bit each); texts[i] is option i. */
static struct question make_q(enum qkind kind, int nopts, unsigned right, const char *const *texts)
{
	struct question q = {.kind = kind, .nopts = nopts, .line = 10};
	static const char *const plain[] = {"aaaa", "bbbb", "cccc", "dddd"};
	for (int o = 0; o < nopts; o++)
		q.opts[o] = (struct option){.text = texts ? texts[o] : plain[o], .correct = (right >> o) & 1};
	return q;
}

Test(balance, right_answers_in_one_position)
{
	struct question qs[8];
	struct balance b;
	/* 3 of 5 one-answer questions right at B: 60%, warned; true/false ones do not count. */
	for (int i = 0; i < 5; i++)
		qs[i] = make_q(QK_SINGLE, 4, i < 3 ? 1u << 1 : 1u << (i == 3 ? 0 : 2), NULL);
	qs[5] = make_q(QK_TRUEFALSE, 2, 1u << 1, (const char *const[]){"True", "False"});
	content_balance(qs, 6, &b);
	cr_expect_eq(b.single, 5);
	cr_expect_eq(b.top_position, 1);
	cr_expect_eq(b.at_top, 3);
	cr_expect(balance_clustered(&b), "%d of %d at the threshold of %d%%", b.at_top, b.single, BALANCE_SHARE_PERCENT);
	/* 2 of 5 (40%): not warned. */
	qs[2] = make_q(QK_SINGLE, 4, 1u << 3, NULL);
	content_balance(qs, 6, &b);
	cr_expect_not(balance_clustered(&b));
	/* Four questions, all right at B: too few to say. */
	for (int i = 0; i < 4; i++)
		qs[i] = make_q(QK_SINGLE, 3, 1u << 1, NULL);
	content_balance(qs, 4, &b);
	cr_expect_eq(BALANCE_MIN_SINGLE, 5);
	cr_expect_not(balance_clustered(&b), "fewer than %d one-answer questions", BALANCE_MIN_SINGLE);
}

Test(balance, right_answer_the_longest)
{
	static const char *const longest[] = {"short", "the right one, longer", "tiny"};
	static const char *const tie[] = {"same size", "same size", "x"};
	/* Counted in characters: "ééééé" is 5 characters (10 bytes), shorter than "abcdef". */
	static const char *const accents[] = {"abcdef", "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"};
	struct question qs[5];
	struct balance b;
	for (int i = 0; i < 3; i++)
		qs[i] = make_q(QK_SINGLE, 3, 1u << 1, longest);
	qs[3] = make_q(QK_SINGLE, 3, 1u << 0, tie);
	qs[4] = make_q(QK_SINGLE, 2, 1u << 1, accents);
	content_balance(qs, 5, &b);
	cr_expect_eq(b.longest, 3, "a tie is not the longest; characters, not bytes");
	cr_expect(balance_longest(&b), "3 of 5");
	qs[2] = make_q(QK_SINGLE, 3, 1u << 0, longest);
	content_balance(qs, 5, &b);
	cr_expect_not(balance_longest(&b), "2 of 5");
}

Test(balance, right_options_written_first)
{
	struct question qs[4];
	struct balance b;
	qs[0] = make_q(QK_MULTIPLE, 4, 0x3, NULL);   /* A, B right: first */
	qs[1] = make_q(QK_MULTIPLE, 3, 0x1, NULL);   /* A right: first */
	qs[2] = make_q(QK_MULTIPLE, 4, 0x5, NULL);   /* A, C: mixed */
	content_balance(qs, 3, &b);
	cr_expect_eq(b.multiple, 3);
	cr_expect_eq(b.right_first, 2);
	cr_expect(balance_right_first(&b), "2 of 3");
	qs[3] = make_q(QK_MULTIPLE, 3, 0x7, NULL);   /* all right: no order to give away */
	content_balance(qs, 4, &b);
	cr_expect_eq(b.right_first, 2);
	cr_expect_not(balance_right_first(&b), "2 of 4");
	content_balance(qs, 2, &b);
	cr_expect_not(balance_right_first(&b), "fewer than %d multiple-answer questions", BALANCE_MIN_MULTIPLE);
}

Test(balance, the_checker_warns_with_file_and_line, .init = setup, .fini = teardown)
{
	char text[8192] = "";
	for (int i = 0; i < 5; i++) {
		char q[512];
		snprintf(q, sizeof(q),
		         "[question q%d]\nkind: single\ntext: Which?\noption: No\nfeedback: No.\noption*: Yes, this one\n"
		         "feedback: Yes.\noption: Never\nfeedback: No.\nexplanation: So.\nsource: \xc2\xb6" "1\n\n", i);
		strcat(text, q);
	}
	struct question *q;
	int n;
	content_parse_questions(&C, "quiz.txt", text, &q, &n);
	cr_expect_eq(C.errors, 0);
	cr_expect_eq(C.warnings, 7, "one warning for the position, one for the length, and each question's length cue");
	cr_expect(said(1, "option B in 5 of 5 one-answer questions"));
	cr_expect(said(1, "the longest option in 5 of 5"));
	for (const struct diag *d = C.diags; d; d = d->next)
		cr_expect(d->warning && strcmp(d->file, "quiz.txt") == 0);
}

/* One question whose right option is half as long again as the wrong ones, on average: the length
 * gives the answer away, whatever the other questions do. */
Test(balance, a_length_cue_is_warned_about_per_question, .init = setup, .fini = teardown)
{
	const char *text = "[question cue]\nkind: single\ntext: Which?\n"
	                   "option*: " "abcdefghijklmnopqrstuvwxyz1234\nfeedback: Yes.\n"   /* 30 characters */
	                   "option: " "abcdefghijklmnopqrst\nfeedback: No.\n"                 /* 20 */
	                   "option: " "ABCDEFGHIJKLMNOPQRST\nfeedback: No.\nexplanation: So.\nsource: \xc2\xb6" "1\n\n"
	                   "[question fair]\nkind: single\ntext: Which?\n"
	                   "option*: " "abcdefghijklmnopqrstuvwxyz123\nfeedback: Yes.\n"    /* 29: under 150% */
	                   "option: " "abcdefghijklmnopqrst\nfeedback: No.\n"
	                   "option: " "ABCDEFGHIJKLMNOPQRST\nfeedback: No.\nexplanation: So.\nsource: \xc2\xb6" "1\n";
	struct question *q;
	int n;
	content_parse_questions(&C, "quiz.txt", text, &q, &n);
	cr_expect_eq(C.errors, 0);
	cr_expect_eq(C.warnings, 1);
	cr_expect(said(1, "question cue: the right option is 30 characters, the others 20 on average: a length cue"));
}

Test(show_answers, module_setting, .init = setup, .fini = teardown)
{
	struct module m = {0};
	content_parse_module_file(&C, "m/module.txt", "title: T\nsummary: S\n", &m);
	cr_expect_eq(m.show_answers, SHOW_AFTER_PASSING, "the default");
	static const char *const names[] = {"after-passing", "always", "never"};
	static const enum show_answers want[] = {SHOW_AFTER_PASSING, SHOW_ALWAYS, SHOW_NEVER};
	for (int i = 0; i < 3; i++) {
		char text[128];
		snprintf(text, sizeof(text), "title: T\nsummary: S\nshow-answers: %s\n", names[i]);
		memset(&m, 0, sizeof(m));
		content_parse_module_file(&C, "m/module.txt", text, &m);
		cr_expect_eq(m.show_answers, want[i], "%s", names[i]);
		cr_expect_str_eq(show_answers_name(want[i]), names[i]);
	}
	cr_expect_eq(C.errors, 0);
	content_parse_module_file(&C, "m/module.txt", "title: T\nsummary: S\nshow-answers: sometimes\n", &m);
	cr_expect_eq(C.errors, 1);
	cr_expect(said(3, "show-answers 'sometimes' is not after-passing, always or never"));
}

Test(show_answers, review_shows_the_key)
{
	cr_expect(review_shows_key(SHOW_ALWAYS, false));
	cr_expect(review_shows_key(SHOW_ALWAYS, true));
	cr_expect_not(review_shows_key(SHOW_AFTER_PASSING, false));
	cr_expect(review_shows_key(SHOW_AFTER_PASSING, true));
	cr_expect_not(review_shows_key(SHOW_NEVER, false));
	cr_expect_not(review_shows_key(SHOW_NEVER, true));
}

static bool warned_in(const struct content *c, const char *file, const char *text)
{
	for (const struct diag *d = c->diags; d; d = d->next)
		if (d->warning && strcmp(d->file, file) == 0 && strstr(d->msg, text))
			return true;
	return false;
}

/* A translation sits beside the English with the same ids, and is compared with it: what is missing or
 * extra is an error, a file not translated yet a warning (the English is shown), a word terms.txt forbids
 * an error. A lesson renders with the language's glossary and labels. */
Test(content, a_translation_is_compared_with_the_english, .init = setup, .fini = teardown)
{
	strcpy(dir, "/tmp/passage-content-XXXXXX");
	cr_assert_not_null(mkdtemp(dir));
	char cmd[256];
	const char *dirs[] = {"sample", "sample/lessons", "sample/fr", "sample/fr/lessons", "fr"};
	for (size_t i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++) {
		snprintf(cmd, sizeof(cmd), "%s/%s", dir, dirs[i]);
		mkdir(cmd, 0755);
	}
	put_file("glossary.txt", "[term mwc]\nname: Convention\ntext: A treaty (\xc2\xb6" "12).\n");
	put_file("sample/module.txt", "title: Sample\nsummary: S\n");
	put_file("sample/lessons/01-first.md", "# First\n\nThe [Convention](glossary:mwc) is a treaty (\xc2\xb6" "12).\n");
	put_file("sample/lessons/02-second.md", "# Second\n\nMore (\xc2\xb6" "13).\n");
	put_file("sample/quiz.txt", good_quiz);
	put_file("sample/scenario.txt", good_scenario);
	put_file("fr/terms.txt", "term: treaty = traité\nnever: migrants illégaux\nlabel: glossary = Glossaire\n"
	                         "label: sources = Sources\nlabel: sources-intro = Chaque numéro.\nlabel: about = La source\n"
	                         "label: from = de\nlabel: to = à\nlabel: back = Retour\nlabel: source = source\n"
	                         "label: quote-open = «\nlabel: quote-close = »\n");
	put_file("fr/glossary.txt", "[term mwc]\nname: Convention\ntext: Un traité (\xc2\xb6" "12).\n");
	put_file("sample/fr/module.txt", "title: Exemple\nsummary: R\npass-mark: 50\n");
	put_file("sample/fr/lessons/01-first.md",
	         "# Premier\n\nLa [Convention](glossary:mwc) est un traité sur les migrants illégaux (\xc2\xb6" "14).\n");
	put_file("sample/fr/lessons/03-third.md", "# Troisième\n\nEn plus.\n");
	/* The quiz: q1 loses an option, q2's right option moves, q3's explanation cites another paragraph. */
	char quiz[4096];
	snprintf(quiz, sizeof(quiz), "%s", good_quiz);
	char *wrong = strstr(quiz, "option: Wrong\nfeedback: No (\xc2\xb6" "1).\n");
	memmove(wrong, wrong + strlen("option: Wrong\nfeedback: No (\xc2\xb6" "1).\n"),
	        strlen(wrong + strlen("option: Wrong\nfeedback: No (\xc2\xb6" "1).\n")) + 1);
	char *c_opt = strstr(quiz, "option: C\n");
	memcpy(c_opt, "option*: C", 10);   /* "option: C\n" becomes "option*: C" (same length, then the rest) */
	memmove(c_opt + 10, c_opt + 10, 1);
	put_file("sample/fr/quiz.txt", quiz);
	put_file("sample/fr/scenario.txt", "title: Un cas\nstart: one\n\n[step one]\ntext: Ça commence.\n"
	                                   "choice: À gauche -> bad-end\nfeedback: Gauche (\xc2\xb6" "1).\n"
	                                   "choice: À droite -> bad-end\nfeedback: Droite.\n\n[step two]\ntext: Puis.\n"
	                                   "choice: Fin -> good-end\nfeedback: Fait.\n\n[ending good-end]\noutcome: good\n"
	                                   "title: Bien\ntext: Bien.\n\n[ending bad-end]\noutcome: poor\ntitle: Mal\ntext: Mal.\n");
	struct content c;
	content_read(&A, dir, &c);
	for (const struct diag *d = c.diags; d; d = d->next)
		cr_log_info("%s:%d: %s%s", d->file, d->line, d->warning ? "warning: " : "", d->msg);
	cr_assert_eq(c.nlangs, 1);
	cr_expect_str_eq(c.langs[0].code, "fr");
	cr_assert_eq(c.modules[0].ntr, 1);
	const struct translation *t = &c.modules[0].tr[0];
	cr_expect_str_eq(t->title, "Exemple");
	cr_expect(said_in(&c, "sample/fr/module.txt", 0, "'pass-mark' is set in the English module.txt only"));
	cr_expect(said_in(&c, "sample/fr/lessons/01-first.md", 0, "the citations are (\xc2\xb6" "14), but the English has (\xc2\xb6" "12)"));
	cr_expect(said_in(&c, "sample/fr/lessons/01-first.md", 3, "\"migrants illégaux\": fr/terms.txt says never to use it"));
	cr_expect(warned_in(&c, "sample/fr/lessons/02-second.md", "not translated yet: the English lesson is shown"));
	cr_expect(said_in(&c, "sample/fr/lessons/03-third.md", 0, "the English module has no lesson of this name"));
	cr_expect(said_in(&c, "sample/fr/quiz.txt", 0, "question q1: single with 1 options, but the English is single with 2"));
	cr_expect(said_in(&c, "sample/fr/quiz.txt", 0, "question q2: option C is wrong in English"));
	cr_expect(said_in(&c, "sample/fr/scenario.txt", 0, "step one: choice 1 leads to 'bad-end', in English to 'two'"));
	cr_expect_not(said_in(&c, "sample/fr/scenario.txt", 0, "step one, choice 1: the citations are"), "it keeps (¶1)");
	cr_expect(warned_in(&c, "sample/fr/notes.md", "not translated yet") == false, "the English has no notes either");
	/* The lesson in French: the French definition and labels. */
	const char *html = t->lessons[0].html;
	cr_assert_not_null(html);
	cr_expect_not_null(strstr(html, "<summary>Glossaire: Convention</summary>\n<p id=\"g-mwc\">Un traité"), "%s", html);
	cr_expect_not_null(strstr(html, "<h2 id=\"sources\">Sources</h2>\n<p>Chaque numéro. <a href=\"/about-the-source\">La source</a>"));
	cr_expect_not_null(strstr(html, ": «La Convention est un traité sur les migrants \xE2\x80\xA6» <a href=\"#ref-1\" aria-label=\"Retour (1)\">"));
	cr_expect_null(t->lessons[1].html, "not translated: NULL, the English is shown");
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	cr_expect_eq(system(cmd), 0);
}

/* Found by fuzz_content: the long-sentence warning quoted the sentence's first 60 bytes, which could cut
 * a character in two and make the message invalid UTF-8. It quotes whole characters. */
Test(content, a_long_sentence_is_quoted_in_whole_characters, .init = setup, .fini = teardown)
{
	char text[512] = "ab";
	for (int i = 0; i < 30; i++)
		strcat(text, "é ");   /* 3 bytes each after "ab": the 60th byte starts an é, the 61st ends it */
	strcat(text, ".");
	struct readability r = {0};
	content_measure(&C, "l.md", 1, &r, text, strlen(text));
	cr_assert_eq(C.warnings, 1);
	cr_expect(utf8_valid(C.diags->msg, strlen(C.diags->msg)), "%s", C.diags->msg);
}

/* Found by fuzz_content: a choice with an arrow and nothing after it ("-> ") led nowhere and was taken. */
Test(content, a_choice_that_leads_nowhere_is_refused, .init = setup, .fini = teardown)
{
	struct scenario s;
	content_parse_scenario(&C, "scenario.txt", "title: T\nstart: one\n\n[step one]\ntext: Go.\n"
	                                           "choice: Finish -> end\nfeedback: Done.\nchoice: Nowhere -> \nfeedback: No.\n\n"
	                                           "[ending end]\noutcome: good\ntitle: End\ntext: The end.\n", &s);
	cr_expect(said(8, "step one: a choice leads nowhere"), "%d errors", C.errors);
}
