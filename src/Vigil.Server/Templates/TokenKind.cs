namespace Vigil.Server.Templates;

/// <summary>The kinds of token Go's text/template lexer emits (lex.go), keywords last.</summary>
internal enum TokenKind
{
    Error, Bool, Char, CharConstant, Assign, Declare, Eof, Field, Identifier, LeftDelim, LeftParen, Number, Pipe,
    RawString, RightDelim, RightParen, Space, String, Text, Variable, Comment,

    // Keywords: Go prints these as <name> in "unexpected" errors.
    Keyword, Block, Break, Continue, Dot, Define, Else, End, If, Nil, Range, Template, With,
}
