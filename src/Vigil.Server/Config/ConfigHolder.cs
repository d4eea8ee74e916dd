namespace Vigil.Server.Config;

/// <summary>
/// The configuration in force. A reload parses and validates the whole file first and swaps it in one
/// step; on any error the old configuration stays and the error says why.
/// </summary>
public sealed class ConfigHolder
{
    private readonly string? _path;
    private VigilConfig _current;

    public ConfigHolder(VigilConfig initial, string? path)
    {
        _current = initial;
        _path = path;
    }

    public VigilConfig Current => Volatile.Read(ref _current);

    /// <summary>Raised after a successful reload, with the new configuration.</summary>
    public event Action<VigilConfig>? Reloaded;

    /// <summary>Reads the file again (or the built-in example). Returns null on success, else the error.</summary>
    public string? Reload()
    {
        VigilConfig next;
        try
        {
            next = _path is null ? ConfigLoader.LoadBuiltInExample() : ConfigLoader.LoadFile(_path);
        }
        catch (ConfigException e)
        {
            return e.Message;
        }
        catch (IOException e)
        {
            return $"{_path}: {e.Message}";
        }
        Volatile.Write(ref _current, next);
        Reloaded?.Invoke(next);
        return null;
    }

    /// <summary>Loads the configuration for start-up: the explicit file, else ./vigil.yaml, else the built-in example.</summary>
    public static ConfigHolder Load(string? explicitPath, string workingDirectory)
    {
        var path = explicitPath;
        if (path is null)
        {
            var candidate = Path.Combine(workingDirectory, "vigil.yaml");
            path = File.Exists(candidate) ? candidate : null;
        }
        var config = path is null ? ConfigLoader.LoadBuiltInExample() : ConfigLoader.LoadFile(path);
        return new ConfigHolder(config, path);
    }
}
