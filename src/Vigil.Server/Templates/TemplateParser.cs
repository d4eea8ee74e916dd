namespace Vigil.Server.Templates;

/// <summary>
/// Go's text/template parser (parse.go): builds the tree of one source and the trees it defines
/// (<c>{{define}}</c>, <c>{{block}}</c>). Errors read like Go's: <c>template: NAME:LINE: MESSAGE</c>.
/// </summary>
internal sealed partial class TemplateParser
{
    private readonly List<Token> _tokens;
    private readonly TemplateSource _source;
    private readonly Func<string, bool> _hasFunction;
    private readonly List<TemplateDefinition> _defined = [];
    private readonly List<string> _vars = ["$"];
    private int _next;
    private int _rangeDepth;
    private Token _last;
    private int _actionLine;

    private TemplateParser(TemplateSource source, Func<string, bool> hasFunction)
    {
        _source = source;
        _hasFunction = hasFunction;
        _tokens = TemplateLexer.Lex(source.Text);
    }

    /// <summary>Parses <paramref name="text"/> as template <paramref name="name"/>; returns it first, then what it defines.</summary>
    public static List<TemplateDefinition> Parse(string name, string parseName, string text, Func<string, bool> hasFunction)
    {
        var parser = new TemplateParser(new TemplateSource(parseName, text), hasFunction);
        var root = parser.ParseTop();
        var result = new List<TemplateDefinition> { new(name, root) };
        result.AddRange(parser._defined);
        return result;
    }

    private ListNode ParseTop()
    {
        var root = new ListNode(Peek().Pos, _source);
        while (Peek().Kind != TokenKind.Eof)
        {
            if (Peek().Kind == TokenKind.LeftDelim)
            {
                int save = _next;
                Next();
                if (NextNonSpace().Kind == TokenKind.Define)
                {
                    ParseDefinition();
                    continue;
                }
                _next = save;
            }
            var node = TextOrAction();
            if (node is MarkerNode { Kind: MarkerKind.End or MarkerKind.Else })
            {
                Fail("unexpected " + node);
            }
            if (node is not null)
            {
                root.Nodes.Add(node);
            }
        }
        return root;
    }

    private void ParseDefinition()
    {
        const string context = "define clause";
        var nameToken = NextNonSpace();
        if (nameToken.Kind is not (TokenKind.String or TokenKind.RawString))
        {
            Unexpected(nameToken, context);
        }
        string name = GoQuote.Unquote(nameToken.Text) ?? throw Error("invalid syntax");
        Expect(TokenKind.RightDelim, context);
        DefineBody(name, context);
    }

    /// <summary>The body of a <c>define</c> or <c>block</c> up to its <c>end</c>, parsed with only <c>$</c> in scope, added as a template.</summary>
    private void DefineBody(string name, string context)
    {
        var savedVars = _vars.ToArray();
        _vars.Clear();
        _vars.Add("$");
        var (list, end) = ItemList();
        if (end is not MarkerNode { Kind: MarkerKind.End })
        {
            Fail("unexpected " + end + " in " + context);
        }
        _vars.Clear();
        _vars.AddRange(savedVars);
        Add(new TemplateDefinition(name, list));
    }

    /// <summary>Go's Tree.add: within one source a name may be defined once, unless one of the definitions is empty.</summary>
    private void Add(TemplateDefinition definition)
    {
        int existing = _defined.FindIndex(d => d.Name == definition.Name);
        if (existing < 0 || _defined[existing].IsEmpty)
        {
            if (existing >= 0)
            {
                _defined.RemoveAt(existing);
            }
            _defined.Add(definition);
            return;
        }
        if (!definition.IsEmpty)
        {
            Fail("template: multiple definition of template " + GoQuote.Quote(definition.Name));
        }
    }

    private (ListNode List, TemplateNode End) ItemList()
    {
        var list = new ListNode(PeekNonSpace().Pos, _source);
        while (PeekNonSpace().Kind != TokenKind.Eof)
        {
            var node = TextOrAction();
            if (node is MarkerNode { Kind: MarkerKind.End or MarkerKind.Else })
            {
                return (list, node);
            }
            if (node is not null)
            {
                list.Nodes.Add(node);
            }
        }
        Fail("unexpected EOF");
        return default;
    }

    private TemplateNode? TextOrAction()
    {
        var token = NextNonSpace();
        switch (token.Kind)
        {
            case TokenKind.Text:
                return new TextNode(token.Pos, _source, token.Text);
            case TokenKind.LeftDelim:
                _actionLine = token.Line;
                try
                {
                    return Action();
                }
                finally
                {
                    _actionLine = 0;
                }
            case TokenKind.Comment:
                return null;
            default:
                Unexpected(token, "input");
                return null;
        }
    }

    private TemplateNode Action()
    {
        var token = NextNonSpace();
        switch (token.Kind)
        {
            case TokenKind.Block: return BlockControl();
            case TokenKind.Break: return LoopControl(token, MarkerKind.Break, "break");
            case TokenKind.Continue: return LoopControl(token, MarkerKind.Continue, "continue");
            case TokenKind.Else: return ElseControl();
            case TokenKind.End: return new MarkerNode(Expect(TokenKind.RightDelim, "end").Pos, _source, MarkerKind.End);
            case TokenKind.If: return Control(BranchKind.If, "if", allowElseIf: true);
            case TokenKind.Range: return Control(BranchKind.Range, "range", allowElseIf: false);
            case TokenKind.Template: return TemplateControl();
            case TokenKind.With: return Control(BranchKind.With, "with", allowElseIf: false);
        }
        Backup();
        var start = Peek();
        var pipe = Pipeline("command", TokenKind.RightDelim);
        return new ActionNode(start.Pos, _source, pipe);
    }

    private MarkerNode LoopControl(Token token, MarkerKind kind, string name)
    {
        var next = NextNonSpace();
        if (next.Kind != TokenKind.RightDelim)
        {
            Unexpected(next, "{{" + name + "}}");
        }
        if (_rangeDepth == 0)
        {
            Fail("{{" + name + "}} outside {{range}}");
        }
        return new MarkerNode(token.Pos, _source, kind);
    }

    private MarkerNode ElseControl()
    {
        var peek = PeekNonSpace();
        if (peek.Kind == TokenKind.If)
        {
            return new MarkerNode(peek.Pos, _source, MarkerKind.Else);
        }
        var token = Expect(TokenKind.RightDelim, "else");
        return new MarkerNode(token.Pos, _source, MarkerKind.Else);
    }

    private BranchNode Control(BranchKind kind, string context, bool allowElseIf)
    {
        int mark = _vars.Count;
        try
        {
            var pipe = Pipeline(context, TokenKind.RightDelim);
            if (kind == BranchKind.Range)
            {
                _rangeDepth++;
            }
            var (list, next) = ItemList();
            if (kind == BranchKind.Range)
            {
                _rangeDepth--;
            }
            ListNode? elseList = null;
            if (next is MarkerNode { Kind: MarkerKind.Else })
            {
                if (allowElseIf && Peek().Kind == TokenKind.If)
                {
                    // {{else if …}} is {{else}}{{if …}}…{{end}}{{end}} sharing a single {{end}}.
                    Next();
                    elseList = new ListNode(next.Pos, _source);
                    elseList.Nodes.Add(Control(BranchKind.If, "if", allowElseIf: true));
                }
                else
                {
                    (elseList, var end) = ItemList();
                    if (end is not MarkerNode { Kind: MarkerKind.End })
                    {
                        Fail("expected end; found " + end);
                    }
                }
            }
            return new BranchNode(pipe.Pos, _source, kind, pipe, list, elseList);
        }
        finally
        {
            _vars.RemoveRange(mark, _vars.Count - mark);
        }
    }

    private TemplateCallNode TemplateControl()
    {
        const string context = "template clause";
        var token = NextNonSpace();
        string name = TemplateName(token, context);
        PipeNode? pipe = null;
        if (NextNonSpace().Kind != TokenKind.RightDelim)
        {
            Backup();
            pipe = Pipeline(context, TokenKind.RightDelim);
        }
        return new TemplateCallNode(token.Pos, _source, name, pipe);
    }

    private TemplateCallNode BlockControl()
    {
        const string context = "block clause";
        var token = NextNonSpace();
        string name = TemplateName(token, context);
        var pipe = Pipeline(context, TokenKind.RightDelim);
        DefineBody(name, context);
        return new TemplateCallNode(token.Pos, _source, name, pipe);
    }

    private string TemplateName(Token token, string context)
    {
        if (token.Kind is TokenKind.String or TokenKind.RawString)
        {
            return GoQuote.Unquote(token.Text) ?? throw Error("invalid syntax");
        }
        Unexpected(token, context);
        return "";
    }
}
