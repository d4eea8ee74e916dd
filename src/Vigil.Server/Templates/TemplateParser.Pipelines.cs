namespace Vigil.Server.Templates;

/// <summary>Pipelines, commands and operands, and the token cursor.</summary>
internal sealed partial class TemplateParser
{
    private PipeNode Pipeline(string context, TokenKind end)
    {
        var pipe = new PipeNode(PeekNonSpace().Pos, _source);
        Declarations(pipe, context);
        while (true)
        {
            var token = NextNonSpace();
            if (token.Kind == end)
            {
                CheckPipeline(pipe, context);
                return pipe;
            }
            switch (token.Kind)
            {
                case TokenKind.Bool or TokenKind.CharConstant or TokenKind.Dot or TokenKind.Field or TokenKind.Identifier
                    or TokenKind.Number or TokenKind.Nil or TokenKind.RawString or TokenKind.String or TokenKind.Variable or TokenKind.LeftParen:
                    Backup();
                    pipe.Cmds.Add(Command());
                    break;
                default:
                    Unexpected(token, context);
                    break;
            }
        }
    }

    private void Declarations(PipeNode pipe, string context)
    {
        while (PeekNonSpace().Kind == TokenKind.Variable)
        {
            int save = _next;
            var v = NextNonSpace();
            var afterVariable = Peek();
            var next = PeekNonSpace();
            if (next.Kind is TokenKind.Assign or TokenKind.Declare)
            {
                pipe.IsAssign = next.Kind == TokenKind.Assign;
                NextNonSpace();
                pipe.Decl.Add(new VariableNode(v.Pos, _source, [v.Text]));
                _vars.Add(v.Text);
                return;
            }
            if (next.Kind == TokenKind.Char && next.Text == ",")
            {
                NextNonSpace();
                pipe.Decl.Add(new VariableNode(v.Pos, _source, [v.Text]));
                _vars.Add(v.Text);
                if (context == "range" && pipe.Decl.Count < 2)
                {
                    if (PeekNonSpace().Kind is TokenKind.Variable or TokenKind.RightDelim or TokenKind.RightParen)
                    {
                        continue;
                    }
                    Fail("range can only initialize variables");
                }
                Fail("too many declarations in " + context);
            }
            _ = afterVariable;
            _next = save;
            return;
        }
    }

    private void CheckPipeline(PipeNode pipe, string context)
    {
        if (pipe.Cmds.Count == 0)
        {
            Fail("missing value for " + context);
        }
        for (int i = 1; i < pipe.Cmds.Count; i++)
        {
            if (pipe.Cmds[i].Args[0] is LiteralNode)
            {
                Fail("non executable command in pipeline stage " + (i + 1));
            }
        }
    }

    private CommandNode Command()
    {
        var cmd = new CommandNode(PeekNonSpace().Pos, _source);
        while (true)
        {
            PeekNonSpace();
            var operand = Operand();
            if (operand is not null)
            {
                cmd.Args.Add(operand);
            }
            var token = Next();
            if (token.Kind == TokenKind.Space)
            {
                continue;
            }
            if (token.Kind is TokenKind.RightDelim or TokenKind.RightParen)
            {
                Backup();
            }
            else if (token.Kind != TokenKind.Pipe)
            {
                Unexpected(token, "operand");
            }
            break;
        }
        if (cmd.Args.Count == 0)
        {
            Fail("empty command");
        }
        return cmd;
    }

    private TemplateNode? Operand()
    {
        var node = Term();
        if (node is null || Peek().Kind != TokenKind.Field)
        {
            return node;
        }
        var chain = new ChainNode(Peek().Pos, _source, node);
        while (Peek().Kind == TokenKind.Field)
        {
            chain.Field.Add(Next().Text[1..]);
        }
        return node switch
        {
            // Go positions the merged node at its first chained field, not at the term.
            FieldNode f => new FieldNode(chain.Pos, _source, [.. f.Ident, .. chain.Field]),
            VariableNode v => new VariableNode(chain.Pos, _source, [.. v.Ident, .. chain.Field]),
            LiteralNode l => throw Error("unexpected . after term " + GoQuote.Quote(l.ToString())),
            _ => chain,
        };
    }

    private TemplateNode? Term()
    {
        var token = NextNonSpace();
        switch (token.Kind)
        {
            case TokenKind.Identifier:
                if (!_hasFunction(token.Text))
                {
                    Fail("function " + GoQuote.Quote(token.Text) + " not defined");
                }
                return new IdentifierNode(token.Pos, _source, token.Text);
            case TokenKind.Dot:
                return new LiteralNode(token.Pos, _source, LiteralKind.Dot, ".", null);
            case TokenKind.Nil:
                return new LiteralNode(token.Pos, _source, LiteralKind.Nil, "nil", null);
            case TokenKind.Variable:
                return UseVar(token);
            case TokenKind.Field:
                return new FieldNode(token.Pos, _source, [token.Text[1..]]);
            case TokenKind.Bool:
                return new LiteralNode(token.Pos, _source, LiteralKind.Bool, token.Text, token.Text == "true");
            case TokenKind.CharConstant or TokenKind.Number:
                var number = GoNumber.Parse(token.Text, token.Kind == TokenKind.CharConstant)
                    ?? throw Error("illegal number syntax: " + GoQuote.Quote(token.Text));
                return new LiteralNode(token.Pos, _source, LiteralKind.Number, token.Text, number);
            case TokenKind.LeftParen:
                return Pipeline("parenthesized pipeline", TokenKind.RightParen);
            case TokenKind.String or TokenKind.RawString:
                string text = GoQuote.Unquote(token.Text) ?? throw Error("invalid syntax");
                return new LiteralNode(token.Pos, _source, LiteralKind.String, token.Text, text);
        }
        Backup();
        return null;
    }

    private VariableNode UseVar(Token token)
    {
        var ident = token.Text.Split('.');
        if (!_vars.Contains(ident[0]))
        {
            Fail("undefined variable " + GoQuote.Quote(ident[0]));
        }
        return new VariableNode(token.Pos, _source, ident);
    }

    private Token Next()
    {
        var token = _tokens[Math.Min(_next, _tokens.Count - 1)];
        _next++;
        _last = token;
        return token;
    }

    private void Backup() => _next--;

    private Token Peek() => _tokens[Math.Min(_next, _tokens.Count - 1)];

    private Token NextNonSpace()
    {
        Token token;
        do
        {
            token = Next();
        }
        while (token.Kind == TokenKind.Space);
        return token;
    }

    private Token PeekNonSpace()
    {
        var token = NextNonSpace();
        Backup();
        return token;
    }

    private Token Expect(TokenKind expected, string context)
    {
        var token = NextNonSpace();
        if (token.Kind != expected)
        {
            Unexpected(token, context);
        }
        return token;
    }

    private void Unexpected(Token token, string context)
    {
        if (token.Kind == TokenKind.Error)
        {
            string extra = _actionLine != 0 && _actionLine != token.Line
                ? FormattableString.Invariant($" in action started at {_source.ParseName}:{_actionLine}")
                : "";
            Fail(token.Text + extra);
        }
        Fail("unexpected " + token + " in " + context);
    }

    private void Fail(string message) => throw Error(message);

    private TemplateException Error(string message) =>
        new(FormattableString.Invariant($"template: {_source.ParseName}:{_last.Line}: {message}"));
}
