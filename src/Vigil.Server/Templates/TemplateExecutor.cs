using System.Text;

namespace Vigil.Server.Templates;

/// <summary>
/// Walks a parsed template over data as Go's text/template exec.go does (missingkey=zero, as Alertmanager sets it).
/// In HTML mode every printed value is escaped for the context the surrounding template text puts it in.
/// </summary>
internal sealed partial class TemplateExecutor
{
    private const int MaxDepth = 100000;

    private readonly TemplateSet _set;
    private readonly StringBuilder _out;
    private readonly HtmlContext? _html;
    private readonly List<KeyValuePair<string, object?>> _vars = [];
    private string _name;
    private TemplateNode? _node;
    private int _depth;
    private int _frame;

    private TemplateExecutor(TemplateSet set, StringBuilder output, string name, bool html)
    {
        _set = set;
        _out = output;
        _name = name;
        _html = html ? new HtmlContext() : null;
    }

    public static void Execute(TemplateSet set, TemplateDefinition template, object? data, StringBuilder output, bool html)
    {
        var executor = new TemplateExecutor(set, output, template.Name, html);
        executor._vars.Add(new("$", data));
        executor.Walk(data, template.Root);
    }

    private Flow Walk(object? dot, TemplateNode node)
    {
        _node = node;
        switch (node)
        {
            case TextNode text:
                _out.Append(_html is null ? text.Text : _html.Feed(text.Text));
                return Flow.Normal;
            case ActionNode action:
                var value = EvalPipeline(dot, action.Pipe);
                if (action.Pipe.Decl.Count == 0)
                {
                    Print(value, action.Pipe);
                }
                return Flow.Normal;
            case ListNode list:
                foreach (var child in list.Nodes)
                {
                    var flow = Walk(dot, child);
                    if (flow != Flow.Normal)
                    {
                        return flow;
                    }
                }
                return Flow.Normal;
            case BranchNode { Kind: BranchKind.Range } range:
                return WalkRange(dot, range);
            case BranchNode branch:
                return WalkIfOrWith(dot, branch);
            case TemplateCallNode call:
                WalkTemplate(dot, call);
                return Flow.Normal;
            case MarkerNode { Kind: MarkerKind.Break }:
                return Flow.Break;
            case MarkerNode { Kind: MarkerKind.Continue }:
                return Flow.Continue;
            default:
                throw Fail("unknown node: " + node);
        }
    }

    private void Print(object? value, PipeNode pipe)
    {
        if (_html is null)
        {
            GoFormat.AppendValue(_out, value);
            return;
        }
        string? last = pipe.Cmds[^1].Args[0] is IdentifierNode { Ident: "html" or "urlquery" } id ? id.Ident : null;
        _out.Append(_html.Escape(value, last));
    }

    private Flow WalkIfOrWith(object? dot, BranchNode branch)
    {
        int mark = _vars.Count;
        try
        {
            var value = EvalPipeline(dot, branch.Pipe);
            if (GoValues.IsTrue(value))
            {
                return Walk(branch.Kind == BranchKind.With ? value : dot, branch.List);
            }
            return branch.ElseList is null ? Flow.Normal : Walk(dot, branch.ElseList);
        }
        finally
        {
            Pop(mark);
        }
    }

    private Flow WalkRange(object? dot, BranchNode range)
    {
        _node = range;
        int outer = _vars.Count;
        try
        {
            var value = EvalPipeline(dot, range.Pipe);
            int mark = _vars.Count;
            bool any = false;
            foreach (var (index, element) in GoValues.Iterate(value) ?? throw Fail("range can't iterate over " + GoFormat.Sprint(value)))
            {
                any = true;
                if (range.Pipe.Decl.Count > 0)
                {
                    if (range.Pipe.IsAssign)
                    {
                        SetVar(range.Pipe.Decl[0].Ident[0], range.Pipe.Decl.Count > 1 ? index : element);
                        if (range.Pipe.Decl.Count > 1)
                        {
                            SetVar(range.Pipe.Decl[1].Ident[0], element);
                        }
                    }
                    else
                    {
                        SetTopVar(1, element);
                        if (range.Pipe.Decl.Count > 1)
                        {
                            SetTopVar(2, index);
                        }
                    }
                }
                var flow = Walk(element, range.List);
                Pop(mark);
                if (flow == Flow.Break)
                {
                    break;
                }
            }
            if (!any && range.ElseList is not null)
            {
                Walk(dot, range.ElseList);
            }
            return Flow.Normal;
        }
        finally
        {
            Pop(outer);
        }
    }

    private void WalkTemplate(object? dot, TemplateCallNode call)
    {
        _node = call;
        var template = _set.Lookup(call.Name) ?? throw Fail("template " + GoQuote.Quote(call.Name) + " not defined");
        if (_depth == MaxDepth)
        {
            throw Fail("exceeded maximum template depth (" + MaxDepth + ")");
        }
        var newDot = call.Pipe is null ? NoValue.Instance : EvalPipeline(dot, call.Pipe);
        // The called template sees only its own $: a new frame on the variable stack hides the caller's.
        int mark = _vars.Count;
        int savedFrame = _frame;
        string savedName = _name;
        _vars.Add(new("$", newDot));
        _frame = mark;
        _name = template.Name;
        _depth++;
        try
        {
            Walk(newDot, template.Root);
        }
        finally
        {
            _depth--;
            _name = savedName;
            _frame = savedFrame;
            Pop(mark);
        }
    }

    private void Pop(int mark) => _vars.RemoveRange(mark, _vars.Count - mark);

    private void SetVar(string name, object? value)
    {
        for (int i = _vars.Count - 1; i >= _frame; i--)
        {
            if (_vars[i].Key == name)
            {
                _vars[i] = new(name, value);
                return;
            }
        }
        throw Fail("undefined variable: " + name);
    }

    private void SetTopVar(int n, object? value) => _vars[_vars.Count - n] = new(_vars[_vars.Count - n].Key, value);

    private object? VarValue(string name)
    {
        for (int i = _vars.Count - 1; i >= _frame; i--)
        {
            if (_vars[i].Key == name)
            {
                return _vars[i].Value;
            }
        }
        throw Fail("undefined variable: " + name);
    }

    private TemplateException Fail(string message)
    {
        if (_node is null)
        {
            return new TemplateException("template: " + _name + ": " + message);
        }
        string location = _node.Source.Location(_node.Pos);
        return new TemplateException("template: " + location + ": executing " + GoQuote.Quote(_name) + " at <" + _node + ">: " + message);
    }

    private enum Flow
    {
        Normal,
        Break,
        Continue,
    }
}
