namespace Vigil.Server.Templates;

/// <summary>Pipelines, commands, fields, function calls and argument checks (exec.go's eval*).</summary>
internal sealed partial class TemplateExecutor
{
    private object? EvalPipeline(object? dot, PipeNode pipe)
    {
        _node = pipe;
        object? value = NoValue.NotPiped;
        foreach (var cmd in pipe.Cmds)
        {
            value = EvalCommand(dot, cmd, value);
        }
        foreach (var variable in pipe.Decl)
        {
            if (pipe.IsAssign)
            {
                SetVar(variable.Ident[0], value);
            }
            else
            {
                _vars.Add(new(variable.Ident[0], value));
            }
        }
        return value;
    }

    private object? EvalCommand(object? dot, CommandNode cmd, object? final)
    {
        var first = cmd.Args[0];
        switch (first)
        {
            case FieldNode field:
                _node = field;
                return EvalFieldChain(dot, dot, field, field.Ident, cmd.Args, final);
            case ChainNode chain:
                return EvalChain(dot, chain, cmd.Args, final);
            case IdentifierNode id:
                return EvalFunction(dot, id, cmd, cmd.Args, final);
            case PipeNode pipe:
                NotAFunction(cmd.Args, final);
                return EvalPipeline(dot, pipe);
            case VariableNode variable:
                return EvalVariable(dot, variable, cmd.Args, final);
        }
        _node = first;
        NotAFunction(cmd.Args, final);
        var literal = (LiteralNode)first;
        return literal.Kind switch
        {
            LiteralKind.Dot => dot,
            LiteralKind.Nil => throw Fail("nil is not a command"),
            LiteralKind.Number => Guard(() => ((GoNumber)literal.Value!).Ideal()),
            _ => literal.Value,
        };
    }

    private void NotAFunction(List<TemplateNode> args, object? final)
    {
        if (args.Count > 1 || final != NoValue.NotPiped)
        {
            throw Fail("can't give argument to non-function " + args[0]);
        }
    }

    private object? EvalChain(object? dot, ChainNode chain, List<TemplateNode>? args, object? final)
    {
        _node = chain;
        if (chain.Node is LiteralNode { Kind: LiteralKind.Nil })
        {
            throw Fail("indirection through explicit nil in " + chain);
        }
        var receiver = EvalArg(dot, null, chain.Node);
        return EvalFieldChain(dot, receiver, chain, [.. chain.Field], args, final);
    }

    private object? EvalVariable(object? dot, VariableNode variable, List<TemplateNode>? args, object? final)
    {
        _node = variable;
        var value = VarValue(variable.Ident[0]);
        if (variable.Ident.Length == 1)
        {
            if (args is not null)
            {
                NotAFunction(args, final);
            }
            return value;
        }
        return EvalFieldChain(dot, value, variable, variable.Ident[1..], args, final);
    }

    private object? EvalFieldChain(object? dot, object? receiver, TemplateNode node, string[] ident, List<TemplateNode>? args, object? final)
    {
        for (int i = 0; i < ident.Length - 1; i++)
        {
            receiver = EvalField(dot, ident[i], node, null, NoValue.NotPiped, receiver);
        }
        return EvalField(dot, ident[^1], node, args, final, receiver);
    }

    private object? EvalField(object? dot, string name, TemplateNode node, List<TemplateNode>? args, object? final, object? receiver)
    {
        if (receiver == NoValue.Instance)
        {
            return NoValue.Instance;
        }
        if (receiver is null)
        {
            throw Fail("nil pointer evaluating interface {}." + name);
        }
        bool hasArgs = args is { Count: > 1 } || final != NoValue.NotPiped;
        if (receiver is ITemplateObject obj)
        {
            var member = obj.Member(name);
            switch (member.Kind)
            {
                case MemberKind.Method:
                    return EvalCall(dot, member.Method!, node, name, args, final);
                case MemberKind.Field:
                    return hasArgs ? throw Fail(name + " has arguments but cannot be invoked as function") : member.Value;
                case MemberKind.MapKey:
                    return hasArgs ? throw Fail(name + " is not a method but has arguments") : member.Value;
            }
        }
        throw Fail("can't evaluate field " + name + " in type " + GoValues.TypeName(receiver));
    }

    private object? EvalFunction(object? dot, IdentifierNode id, TemplateNode cmd, List<TemplateNode>? args, object? final)
    {
        _node = id;
        var function = _set.Function(id.Ident) ?? throw Fail(GoQuote.Quote(id.Ident) + " is not a defined function");
        return EvalCall(dot, function, cmd, id.Ident, args, final);
    }

    private object? EvalCall(object? dot, TemplateFunction function, TemplateNode node, string name, List<TemplateNode>? allArgs, object? final)
    {
        int argCount = allArgs is null ? 0 : allArgs.Count - 1;
        int numIn = argCount + (final != NoValue.NotPiped ? 1 : 0);
        int numFixed = function.Variadic ? function.Params.Length - 1 : function.Params.Length;
        if (function.Variadic && numIn < numFixed)
        {
            throw Fail($"wrong number of args for {name}: want at least {numFixed} got {argCount}");
        }
        if (!function.Variadic && numIn != numFixed && name is not ("and" or "or"))
        {
            throw Fail($"wrong number of args for {name}: want {numFixed} got {numIn}");
        }
        if (function.Body == GoBuiltins.ShortCircuit)
        {
            return EvalAndOr(dot, name, allArgs!.GetRange(1, argCount), final);
        }
        var argv = numIn == 0 ? [] : new object?[numIn];
        for (int i = 0; i < argCount; i++)
        {
            argv[i] = EvalArg(dot, ParamType(function, i), allArgs![i + 1]);
        }
        if (final != NoValue.NotPiped)
        {
            argv[numIn - 1] = Validate(final, ParamType(function, numIn - 1));
        }
        try
        {
            return function.Body(argv);
        }
        catch (TemplateRuntimeException e)
        {
            _node = node;
            throw Fail("error calling " + name + ": " + e.Message);
        }
    }

    private object? EvalAndOr(object? dot, string name, List<TemplateNode> args, object? final)
    {
        object? value = null;
        foreach (var arg in args)
        {
            value = EvalArg(dot, GoType.Value, arg);
            if (GoValues.IsTrue(value) == (name == "or"))
            {
                return value;
            }
        }
        return final != NoValue.NotPiped ? final : value;
    }

    private static GoType ParamType(TemplateFunction function, int i) =>
        function.Variadic && i >= function.Params.Length - 1 ? function.Params[^1] : function.Params[i];

    private object? EvalArg(object? dot, GoType? type, TemplateNode node)
    {
        _node = node;
        switch (node)
        {
            case LiteralNode { Kind: LiteralKind.Dot }:
                return Validate(dot, type);
            case LiteralNode { Kind: LiteralKind.Nil }:
                return type is null || type.CanBeNil ? null : throw Fail("cannot assign nil to " + type);
            case FieldNode field:
                return Validate(EvalFieldChain(dot, dot, field, field.Ident, [node], NoValue.NotPiped), type);
            case VariableNode variable:
                return Validate(EvalVariable(dot, variable, null, NoValue.NotPiped), type);
            case PipeNode pipe:
                return Validate(EvalPipeline(dot, pipe), type);
            case IdentifierNode id:
                return Validate(EvalFunction(dot, id, id, null, NoValue.NotPiped), type);
            case ChainNode chain:
                return Validate(EvalChain(dot, chain, null, NoValue.NotPiped), type);
        }
        var literal = (LiteralNode)node;
        if (type is null || type == GoType.Any || type == GoType.Value)
        {
            return literal.Kind == LiteralKind.Number ? Guard(() => ((GoNumber)literal.Value!).Ideal()) : literal.Value;
        }
        if (type == GoType.Bool)
        {
            return literal.Kind == LiteralKind.Bool ? literal.Value : throw Fail("expected bool; found " + literal);
        }
        if (type == GoType.String)
        {
            return literal.Kind == LiteralKind.String ? literal.Value : throw Fail("expected string; found " + literal);
        }
        if (type == GoType.Int)
        {
            return literal.Value is GoNumber { IsInt: true } n ? n.Int : throw Fail("expected integer; found " + literal);
        }
        if (type == GoType.Float)
        {
            return literal.Value is GoNumber { IsFloat: true } f ? f.Float : throw Fail("expected float; found " + literal);
        }
        throw Fail("can't handle " + literal + " for arg of type " + type);
    }

    private object? Validate(object? value, GoType? type)
    {
        if (value == NoValue.Instance || value == NoValue.NotPiped)
        {
            if (type is null || type.CanBeNil)
            {
                return null;
            }
            if (type == GoType.Value)
            {
                return NoValue.Instance;
            }
            throw Fail("invalid value; expected " + type);
        }
        if (type is not null && !type.Accepts(value))
        {
            throw Fail("wrong type for value; expected " + type + "; got " + GoValues.TypeName(value));
        }
        return value;
    }

    private object? Guard(Func<object?> evaluate)
    {
        try
        {
            return evaluate();
        }
        catch (TemplateRuntimeException e)
        {
            throw Fail(e.Message);
        }
    }
}
