// The condition language's grammar in Boost.Spirit X3. This is the only translation unit that
// includes Spirit: its templates are heavy, and everything else works on the syntax tree.
//
// Precedence, loosest first: or, and, not, then one comparison (==, !=, <, <=, >, >=, in, matches,
// contains, starts_with) between two operands; comparisons do not chain. Operands are literals,
// field paths, fields["…"], function calls, any/all/count over a collection, and parenthesised
// expressions. The parser recurses only through brackets, whose depth the caller has bounded.
#include <cctype>

#include <boost/spirit/home/x3.hpp>

#include "expr/parser.hpp"
#include "posture/name.hpp"

namespace posture::expr {
namespace {

namespace x3 = boost::spirit::x3;
namespace fusion = boost::fusion;
using ast::CompareOp;
using ast::Kind;
using ast::Node;
using ast::Quantifier;
using Iterator = const char*;

struct base_tag;  // context entry: where the expression text starts

// Zero-width parser whose attribute is the byte offset of the next token (after white space).
struct offset_parser : x3::parser<offset_parser> {
  using attribute_type = std::size_t;
  static bool const has_attribute = true;

  template <class It, class Context, class RContext, class Attribute>
  bool parse(It& first, const It& last, const Context& context, RContext&, Attribute& attr) const {
    x3::skip_over(first, last, context);
    x3::traits::move_to(static_cast<std::size_t>(first - x3::get<base_tag>(context)), attr);
    return true;
  }
};
const offset_parser at{};

// Character ranges rather than x3's character classes: those index tables with the raw char, which
// is undefined for the negative chars of UTF-8 text.
const auto skipper = x3::lit(' ') | '\t' | '\r' | '\n';
const auto digit = x3::char_('0', '9');
const auto word_start = x3::char_('a', 'z') | x3::char_('A', 'Z') | x3::char_('_');
const auto word_char = word_start | digit;
auto kw(const char* word) { return x3::lexeme[x3::lit(word) >> !word_char]; }
const auto keyword = kw("and") | kw("or") | kw("not") | kw("in") | kw("matches") |
                     kw("contains") | kw("starts_with") | kw("true") | kw("false") | kw("any") |
                     kw("all") | kw("count");

// ---- semantic actions ---------------------------------------------------------------------------

const auto assign = [](auto& ctx) { x3::_val(ctx) = std::move(x3::_attr(ctx)); };

Node make_node(Kind kind, std::size_t pos) {
  Node n;
  n.kind = kind;
  n.pos = pos;
  n.op_pos = pos;
  return n;
}

template <Kind K>
const auto make_literal = [](auto& ctx) {
  Node n = make_node(K, fusion::at_c<0>(x3::_attr(ctx)));
  n.text = std::move(fusion::at_c<1>(x3::_attr(ctx)));
  x3::_val(ctx) = std::move(n);
};

const auto make_bool = [](auto& ctx) {
  Node n = make_node(Kind::boolean, fusion::at_c<0>(x3::_attr(ctx)));
  n.text = fusion::at_c<1>(x3::_attr(ctx)) ? "true" : "false";
  x3::_val(ctx) = std::move(n);
};

// "12", "-1.5", "7d": a unit suffix makes a duration.
const auto make_numeric = [](auto& ctx) {
  std::string& token = fusion::at_c<1>(x3::_attr(ctx));
  Node n = make_node(Kind::number, fusion::at_c<0>(x3::_attr(ctx)));
  char last = token.back();
  if (last == 'd' || last == 'h' || last == 'm') {
    n.kind = Kind::duration;
    n.unit = last;
    token.pop_back();
  }
  n.text = std::move(token);
  x3::_val(ctx) = std::move(n);
};

const auto make_list = [](auto& ctx) {
  Node n = make_node(Kind::list, fusion::at_c<0>(x3::_attr(ctx)));
  n.kids = std::move(fusion::at_c<1>(x3::_attr(ctx)));
  x3::_val(ctx) = std::move(n);
};

const auto make_path = [](auto& ctx) {
  Node n = make_node(Kind::path, fusion::at_c<0>(x3::_attr(ctx)));
  n.text = std::move(fusion::at_c<1>(x3::_attr(ctx)));
  x3::_val(ctx) = std::move(n);
};

const auto make_user_field = [](auto& ctx) {
  Node n = make_node(Kind::user_field, fusion::at_c<0>(x3::_attr(ctx)));
  n.text = std::move(fusion::at_c<1>(x3::_attr(ctx)));
  x3::_val(ctx) = std::move(n);
};

const auto make_call = [](auto& ctx) {
  Node n = make_node(Kind::call, fusion::at_c<0>(x3::_attr(ctx)));
  n.text = std::move(fusion::at_c<1>(x3::_attr(ctx)));
  n.kids = std::move(fusion::at_c<2>(x3::_attr(ctx)));
  x3::_val(ctx) = std::move(n);
};

const auto make_quantified = [](auto& ctx) {
  auto& attr = x3::_attr(ctx);
  Node n = make_node(Kind::quantifier, fusion::at_c<0>(attr));
  n.quantifier = fusion::at_c<1>(attr);
  n.op_pos = fusion::at_c<2>(attr);
  n.text = std::move(fusion::at_c<3>(attr));
  if (auto& predicate = fusion::at_c<4>(attr)) n.kids.push_back(std::move(*predicate));
  x3::_val(ctx) = std::move(n);
};

// Turns the operand parsed so far (_val) into the left side of a binary node.
void make_binary(Node& left, Kind kind, std::size_t op_pos, Node&& right) {
  Node n = make_node(kind, left.pos);
  n.op_pos = op_pos;
  n.kids.reserve(2);
  n.kids.push_back(std::move(left));
  n.kids.push_back(std::move(right));
  left = std::move(n);
}

template <Kind K>
const auto binary = [](auto& ctx) {
  make_binary(x3::_val(ctx), K, fusion::at_c<0>(x3::_attr(ctx)),
              std::move(fusion::at_c<1>(x3::_attr(ctx))));
};

const auto compare = [](auto& ctx) {
  Node& left = x3::_val(ctx);
  make_binary(left, Kind::compare, fusion::at_c<0>(x3::_attr(ctx)),
              std::move(fusion::at_c<2>(x3::_attr(ctx))));
  left.op = fusion::at_c<1>(x3::_attr(ctx));
};

// and/or chains become one node with many operands, so that long chains do not nest.
template <Kind K>
const auto chain = [](auto& ctx) {
  Node& left = x3::_val(ctx);
  if (left.kind != K) {
    Node n = make_node(K, left.pos);
    n.op_pos = fusion::at_c<0>(x3::_attr(ctx));
    n.kids.push_back(std::move(left));
    left = std::move(n);
  }
  left.kids.push_back(std::move(fusion::at_c<1>(x3::_attr(ctx))));
};

// A run of "not": odd negates, even keeps the value (still demanding a bool). Folding the run
// into one node keeps the tree shallow however many there are.
const auto negate = [](auto& ctx) {
  auto& nots = fusion::at_c<0>(x3::_attr(ctx));
  Node& operand = fusion::at_c<1>(x3::_attr(ctx));
  if (nots.empty()) {
    x3::_val(ctx) = std::move(operand);
    return;
  }
  Node n = make_node(Kind::not_, nots.front());
  n.identity = nots.size() % 2 == 0;
  n.kids.push_back(std::move(operand));
  x3::_val(ctx) = std::move(n);
};

// ---- rules --------------------------------------------------------------------------------------
// Rule names appear in messages as "expected <name>".

x3::rule<class expression_r, Node> const expression = "an expression";
x3::rule<class conjunction_r, Node> const conjunction = "an expression";
x3::rule<class negation_r, Node> const negation = "an expression";
x3::rule<class nots_r, std::vector<std::size_t>> const nots = "not";
x3::rule<class comparison_r, Node> const comparison = "an expression";
x3::rule<class operand_r, Node> const operand = "a value";
x3::rule<class parenthesised_r, Node> const parenthesised = "a parenthesised expression";
x3::rule<class call_r, Node> const call = "a function call";
x3::rule<class arguments_r, std::vector<Node>> const arguments = "arguments";
x3::rule<class quantified_r, Node> const quantified = "any, all or count";
x3::rule<class collection_r, std::string> const collection = "a collection name";
x3::rule<class predicate_r, Node> const predicate = "a condition in parentheses";
x3::rule<class user_field_r, Node> const user_field = "fields[\"...\"]";
x3::rule<class path_r, Node> const path = "a field name";
x3::rule<class dotted_r, std::string> const dotted = "a field name";
x3::rule<class name_r, std::string> const name = "a name";
x3::rule<class literal_r, Node> const literal = "a literal";
x3::rule<class list_r, Node> const list = "a list of literals in [...]";
x3::rule<class number_r, Node> const number = "a number";
x3::rule<class number_token_r, std::string> const number_token = "a number";
x3::rule<class string_r, Node> const string = "a string";
x3::rule<class version_r, Node> const version = "a version";
x3::rule<class date_r, Node> const date = "a date";
x3::rule<class boolean_r, Node> const boolean = "true or false";
x3::rule<class relation_r, CompareOp> const relation = "a comparison";
x3::rule<class quantifier_r, Quantifier> const quantifier = "any, all or count";
x3::rule<class truth_r, bool> const truth = "true or false";
x3::rule<class elements_r, std::vector<Node>> const elements = "a list of literals";
x3::rule<class quoted_r, std::string> const quoted = "a string in double quotes";
x3::rule<class escape_r, char> const escape = "an escape: \\\" \\\\ \\n \\r or \\t";
x3::rule<class end_quote_r> const end_quote = "a closing '\"'";
x3::rule<class rparen_r> const rparen = "\")\"";
x3::rule<class rbracket_r> const rbracket = "\"]\"";

const auto relation_def = (x3::lit("==") >> x3::attr(CompareOp::eq)) |
                      (x3::lit("!=") >> x3::attr(CompareOp::ne)) |
                      (x3::lit("<=") >> x3::attr(CompareOp::le)) |
                      (x3::lit(">=") >> x3::attr(CompareOp::ge)) |
                      (x3::lit('<') >> x3::attr(CompareOp::lt)) |
                      (x3::lit('>') >> x3::attr(CompareOp::gt));
const auto quantifier_def = (kw("any") >> x3::attr(Quantifier::any)) |
                        (kw("all") >> x3::attr(Quantifier::all)) |
                        (kw("count") >> x3::attr(Quantifier::count));

const auto expression_def =
    conjunction[assign] >> *(at >> kw("or") >> x3::expect[conjunction])[chain<Kind::or_>];
const auto conjunction_def =
    negation[assign] >> *(at >> kw("and") >> x3::expect[negation])[chain<Kind::and_>];
const auto negation_def = (nots >> comparison)[negate];
const auto nots_def = *(at >> kw("not"));
const auto comparison_def =
    operand[assign] >>
    -((at >> relation >> x3::expect[operand])[compare] |
      (at >> kw("in") >> x3::expect[list])[binary<Kind::in>] |
      (at >> kw("matches") >> x3::expect[operand])[binary<Kind::matches>] |
      (at >> kw("contains") >> x3::expect[operand])[binary<Kind::contains>] |
      (at >> kw("starts_with") >> x3::expect[operand])[binary<Kind::starts_with>]);
const auto operand_def = parenthesised | literal | quantified | user_field | call | path;
const auto parenthesised_def = '(' > expression > rparen;
const auto call_def = (at >> name >> '(' >> arguments >> x3::expect[rparen])[make_call];
const auto arguments_def = -(expression % ',');
const auto quantified_def =
    (at >> quantifier >> at >> x3::expect[collection] >> -predicate)[make_quantified];
const auto collection_def = name;
const auto predicate_def = '(' > expression > rparen;
const auto user_field_def =
    (at >> kw("fields") >> '[' >> x3::expect[quoted] >> x3::expect[rbracket])[make_user_field];
const auto path_def = (at >> dotted)[make_path];
const auto dotted_def = x3::raw[x3::lexeme[!keyword >> word_start >> *word_char >>
                                            *('.' >> word_start >> *word_char)]];
const auto name_def = x3::raw[x3::lexeme[!keyword >> word_start >> *word_char]];
const auto literal_def = version | date | string | boolean | number;
const auto list_def = (at >> '[' >> elements)[make_list];
const auto elements_def = (rbracket >> x3::attr(std::vector<Node>{})) |
                          (x3::expect[literal] % ',' >> x3::expect[rbracket]);
const auto number_def = (at >> number_token)[make_numeric];
const auto number_token_def =
    x3::raw[x3::lexeme[-x3::lit('-') >> +digit >> -('.' >> +digit) >> -(x3::lit('d') | 'h' | 'm') >>
                       !word_char]];
const auto string_def = (at >> quoted)[make_literal<Kind::string>];
const auto version_def = (at >> x3::lexeme['v' >> quoted])[make_literal<Kind::version>];
const auto date_def = (at >> x3::lexeme['d' >> quoted])[make_literal<Kind::date>];
const auto boolean_def = (at >> truth)[make_bool];
const auto truth_def = (kw("true") >> x3::attr(true)) | (kw("false") >> x3::attr(false));
const auto quoted_def = x3::lexeme['"' >> *(('\\' > escape) | (x3::char_ - '"' - '\\' - '\n')) >>
                                   x3::expect[end_quote]];
const auto escape_def = x3::char_('"') | x3::char_('\\') | (x3::lit('n') >> x3::attr('\n')) |
                        (x3::lit('r') >> x3::attr('\r')) | (x3::lit('t') >> x3::attr('\t'));
const auto end_quote_def = x3::lit('"');
const auto rparen_def = x3::lit(')');
const auto rbracket_def = x3::lit(']');

BOOST_SPIRIT_DEFINE(expression, conjunction, negation, nots, comparison, operand, parenthesised,
                    call, arguments, quantified, collection, predicate, user_field, path, dotted,
                    name, literal, list, number, number_token, string, version, date, boolean,
                    relation, quantifier, truth, elements, quoted, escape, end_quote, rparen,
                    rbracket)

bool is_space(char c) noexcept { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

std::size_t skip_space(std::string_view source, std::size_t offset) noexcept {
  while (offset < source.size() && is_space(source[offset])) ++offset;
  return offset;
}

// Text left over after a complete expression: say what it is and, for the common slips, what
// was probably meant.
std::string unexpected(std::string_view source, std::size_t offset) {
  std::string token = describe_token(source, offset);
  std::string message = "unexpected " + token;
  std::string_view rest = source.substr(offset);
  static constexpr std::string_view keywords[] = {"and", "or", "not", "in", "matches",
                                                  "contains", "starts_with", "true", "false"};
  for (std::string_view k : keywords) {
    if (rest.size() >= k.size() && posture::names_equal(rest.substr(0, k.size()), k) &&
        (rest.size() == k.size() || !std::isalnum(static_cast<unsigned char>(rest[k.size()]))))
      return message + "; keywords are lower case: \"" + std::string(k) + "\"";
  }
  if (rest.starts_with("=") && !rest.starts_with("=="))
    return message + "; compare with \"==\"";
  if (rest.starts_with("&&") || rest.starts_with("||"))
    return message + "; write \"and\" and \"or\"";
  if (rest.size() > 1 && rest[0] == '.' && rest[1] >= '0' && rest[1] <= '9')
    return message + "; write versions as v\"1.2.3\"";
  return message + "; expected an operator or the end of the expression";
}

}  // namespace

std::optional<ast::Node> parse(std::string_view source, Problem& problem) {
  const char* base = source.data();
  const char* first = base;
  const char* const last = base + source.size();
  Node root;
  try {
    bool ok = x3::phrase_parse(first, last, x3::with<base_tag>(base)[expression], skipper, root);
    std::size_t offset = skip_space(source, static_cast<std::size_t>(first - base));
    if (ok && offset == source.size()) return root;
    if (ok) {
      problem = {errc::parse, offset, unexpected(source, offset)};
    } else if (offset == source.size()) {
      problem = {errc::parse, offset, "empty expression"};
    } else {
      problem = {errc::parse, offset,
                 "expected an expression but found " + describe_token(source, offset)};
    }
  } catch (const x3::expectation_failure<Iterator>& e) {
    // The failure lies before the white space the next token would skip, except inside a string,
    // where a line break is itself the problem.
    auto offset = static_cast<std::size_t>(e.where() - base);
    if (e.which() != end_quote.name) offset = skip_space(source, offset);
    problem = {errc::parse, offset,
               "expected " + e.which() + " but found " + describe_token(source, offset)};
  }
  return std::nullopt;
}

}  // namespace posture::expr
