//! Tests of shell.

use super::*;

fn dockerfile(text: &str) -> Vec<SimpleCommand> {
    split(text, 0..text.len(), Lines::Dockerfile { escape: '\\' })
}

fn words(commands: &[SimpleCommand]) -> Vec<Vec<&str>> {
    commands
        .iter()
        .map(|c| c.words.iter().map(|w| w.text.as_str()).collect())
        .collect()
}

#[test]
fn operators_split_commands() {
    let commands = dockerfile("a 1 && b 2 || c; d | e & f");
    assert_eq!(
        words(&commands),
        [
            vec!["a", "1"],
            vec!["b", "2"],
            vec!["c"],
            vec!["d"],
            vec!["e"],
            vec!["f"]
        ]
    );
    let ops: Vec<_> = commands
        .iter()
        .map(|c| c.next.clone().map(|n| n.0))
        .collect();
    use Operator::*;
    assert_eq!(
        ops,
        [
            Some(And),
            Some(Or),
            Some(Sequence),
            Some(Pipe),
            Some(Sequence),
            None
        ]
    );
}

#[test]
fn quotes_do_not_split_and_are_removed() {
    let text = r#"echo "a && b" 'c; d' e\ f "x\"y" '\n'"#;
    let commands = dockerfile(text);
    assert_eq!(
        words(&commands),
        [vec!["echo", "a && b", "c; d", "e f", "x\"y", "\\n"]]
    );
    assert_eq!(&text[commands[0].words[1].span.clone()], "\"a && b\"");
    assert_eq!(&text[commands[0].words[3].span.clone()], "e\\ f");
}

#[test]
fn continuations_and_comment_lines_are_joined_with_true_spans() {
    let text = "apt-get update \\\n    # refresh\n\n    && apt-get install -y \\\r\n  curl";
    let commands = dockerfile(text);
    assert_eq!(
        words(&commands),
        [
            vec!["apt-get", "update"],
            vec!["apt-get", "install", "-y", "curl"]
        ]
    );
    let curl = &commands[1].words[3];
    assert_eq!(&text[curl.span.clone()], "curl");
    let split_word = dockerfile("ec\\\nho hi");
    assert_eq!(words(&split_word), [vec!["echo", "hi"]]);
    assert_eq!(split_word[0].words[0].span, 0..6);
}

#[test]
fn backtick_escape_joins_lines() {
    let text = "choco install git `\n  -y";
    let commands = split(text, 0..text.len(), Lines::Dockerfile { escape: '`' });
    assert_eq!(words(&commands), [vec!["choco", "install", "git", "-y"]]);
}

#[test]
fn substitutions_stay_in_their_word() {
    let commands = dockerfile("echo $(a && b | c) ${X:-y;z} `d; e` && f");
    assert_eq!(
        words(&commands),
        [
            vec!["echo", "$(a && b | c)", "${X:-y;z}", "`d; e`"],
            vec!["f"]
        ]
    );
}

#[test]
fn assignments_redirections_and_keywords_leave_the_words() {
    let commands = dockerfile(
        "DEBIAN_FRONTEND=noninteractive apt-get install x > /dev/null 2>&1 && if [ -f y ]; then cd /z; fi",
    );
    assert_eq!(
        words(&commands),
        [
            vec!["apt-get", "install", "x"],
            vec!["[", "-f", "y", "]"],
            vec!["cd", "/z"]
        ]
    );
    assert_eq!(
        commands[0].assignments[0].text,
        "DEBIAN_FRONTEND=noninteractive"
    );
    assert_eq!(commands[0].name(), Some("apt-get"));
}

#[test]
fn a_comment_in_a_joined_instruction_runs_to_its_end() {
    assert_eq!(words(&dockerfile("a # b && c")), [vec!["a"]]);
    let script = "a # b\nc";
    let commands = split(script, 0..script.len(), Lines::Script);
    assert_eq!(words(&commands), [vec!["a"], vec!["c"]]);
}

#[test]
fn case_patterns_are_not_pipes() {
    let commands =
        dockerfile("case \"$arch\" in amd64|x86_64) a=1 ;; (arm64) b 2;; *) exit 1 ;; esac; c | d");
    assert_eq!(
        words(&commands),
        [
            vec!["case", "$arch"],
            vec![],
            vec!["b", "2"],
            vec!["exit", "1"],
            vec!["c"],
            vec!["d"]
        ]
    );
    assert_eq!(commands[4].next.as_ref().map(|n| n.0), Some(Operator::Pipe));
}

#[test]
fn heredoc_bodies_in_scripts_are_skipped() {
    let script = "cat <<-'EOT' > /etc/x\n\tapt-get install y\n\tEOT\nsudo true\n";
    let commands = split(script, 0..script.len(), Lines::Script);
    assert_eq!(words(&commands), [vec!["cat"], vec!["sudo", "true"]]);
}

#[test]
fn subshells_and_spans_are_offset_into_the_file() {
    let text = "RUN (cd /x && make)";
    let commands = split(text, 4..text.len(), Lines::Dockerfile { escape: '\\' });
    assert_eq!(words(&commands), [vec!["cd", "/x"], vec!["make"]]);
    assert_eq!(commands[0].words[0].span, 5..7);
    assert_eq!(commands[1].words[0].span, 14..18);
    assert_eq!(commands[0].next, Some((Operator::And, 11..13)));
}

#[test]
fn unterminated_input_does_not_panic() {
    for text in [
        "echo 'a", "echo \"a", "echo $(a", "a \\", "cat <<", "x >", "é\\",
    ] {
        let _ = dockerfile(text);
        let _ = split(text, 0..text.len(), Lines::Script);
    }
}
