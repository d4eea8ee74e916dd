using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Vigil.Server.Tests.Support;

/// <summary>
/// A real SMTP server on 127.0.0.1: Debian's python3-aiosmtpd with its Debugging handler, which prints each message
/// it accepts; the messages are collected from its output.
/// </summary>
public sealed class SmtpSink : IAsyncDisposable
{
    private const string End = "------------ END MESSAGE ------------";
    private readonly Process _process;
    private readonly List<string> _messages = [];
    private readonly StringBuilder _current = new();
    private readonly object _gate = new();

    private SmtpSink(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public IReadOnlyList<string> Messages
    {
        get
        {
            lock (_gate)
            {
                return [.. _messages];
            }
        }
    }

    public static async Task<SmtpSink> StartAsync()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var info = new ProcessStartInfo("/usr/bin/python3", $"-u -m aiosmtpd -n -l 127.0.0.1:{port} -c aiosmtpd.handlers.Debugging")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start aiosmtpd");
        var sink = new SmtpSink(process, port);
        process.OutputDataReceived += (_, e) => sink.OnLine(e.Data);
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        for (var i = 0; i < 200; i++)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, port);
                return sink;
            }
            catch (SocketException)
            {
                await Task.Delay(25);
            }
        }
        await sink.DisposeAsync();
        throw new InvalidOperationException("aiosmtpd did not start listening");
    }

    public async Task<IReadOnlyList<string>> WaitForAsync(int count, TimeSpan? timeout = null)
    {
        var deadline = TimeProvider.System.GetTimestamp() + (long)((timeout ?? TimeSpan.FromSeconds(30)).TotalSeconds * TimeProvider.System.TimestampFrequency);
        while (Messages.Count < count && TimeProvider.System.GetTimestamp() < deadline)
        {
            await Task.Delay(20);
        }
        Assert.True(Messages.Count >= count, $"expected {count} email(s), got {Messages.Count}");
        return Messages;
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_gate)
        {
            if (line == End)
            {
                _messages.Add(_current.ToString());
                _current.Clear();
            }
            else
            {
                _current.AppendLine(line);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
