using System.CommandLine;
using Vigil.Server.Templates;

namespace Vigil.Cli;

/// <summary>
/// <c>vigil template render --template.glob GLOB --template.text TEXT [--template.type text|html] [--template.data FILE]</c>:
/// renders a template offline with Vigil's defaults plus the files the globs match, like <c>amtool template render</c>
/// (the same example data when no data file is given).
/// </summary>
internal static class TemplateCommand
{
    public static Command Create()
    {
        var glob = new Option<string[]>("--template.glob")
        {
            Description = "Glob of template files to load (repeatable); relative to the current folder",
            Required = true,
            AllowMultipleArgumentsPerToken = false,
        };
        var text = new Option<string>("--template.text") { Description = "The template text to render, e.g. '{{ template \"slack.default.title\" . }}'", Required = true };
        var type = new Option<string>("--template.type") { Description = "text (default) or html (html/template escaping)", DefaultValueFactory = _ => "text" };
        type.AcceptOnlyFromAmong("text", "html");
        var data = new Option<FileInfo?>("--template.data")
        {
            Description = "JSON file in the layout of Alertmanager's template.Data; without it amtool's example data is used",
        };
        var render = new Command("render", "Render a template to standard output, like amtool template render.") { glob, text, type, data };
        render.SetAction(parse =>
        {
            try
            {
                var clock = TimeProvider.System;
                var templates = NotificationTemplates.FromGlobs(parse.GetValue(glob) ?? [], null, clock);
                var file = parse.GetValue(data);
                var model = file is null ? AmtoolDefaultData.Create(clock.GetUtcNow()) : TemplateDataJson.Read(File.ReadAllText(file.FullName));
                Console.Out.Write(templates.Execute(parse.GetValue(text)!, model, parse.GetValue(type) == "html"));
                Console.Out.Flush();
                return 0;
            }
            catch (Exception e) when (e is TemplateException or IOException or System.Text.Json.JsonException or FormatException)
            {
                Console.Error.WriteLine("vigil: error: " + e.Message);
                return 1;
            }
        });
        var command = new Command("template", "Work with Alertmanager-style notification templates.");
        command.Subcommands.Add(render);
        return command;
    }
}
