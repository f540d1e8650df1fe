-- 014_question_translations: the pre-checks' and quizzes' questions in other languages, beside the English
-- ones of the same revision. Scoring never reads them: an option is the same option, by position, in
-- every language, so an answer given in French is scored and reported as the English item.
CREATE TABLE question_translations (
	question_id bigint NOT NULL REFERENCES questions (id),
	lang text NOT NULL CHECK (lang ~ '^[a-z]{2,3}$'),
	text text NOT NULL,
	explanation text NOT NULL,
	PRIMARY KEY (question_id, lang)
);

CREATE TABLE option_translations (
	option_id bigint NOT NULL REFERENCES options (id),
	lang text NOT NULL CHECK (lang ~ '^[a-z]{2,3}$'),
	text text NOT NULL,
	feedback text,
	PRIMARY KEY (option_id, lang)
);
