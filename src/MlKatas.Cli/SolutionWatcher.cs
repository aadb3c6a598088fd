using System.Security.Cryptography;

namespace MlKatas.Cli;

/// <summary>
/// Notices saves of one file: file-system notifications wake it at once, and a poll (every
/// <see cref="PollInterval"/>) catches what notifications miss (network drives, some editors' rename dance, containers).
/// A save counts only when the content changed, after it has been stable for <see cref="Settle"/>.
/// </summary>
public sealed class SolutionWatcher : IDisposable
{
    private readonly string _path;
    private readonly FileSystemWatcher? _watcher;
    private readonly SemaphoreSlim _poke = new(0);
    private string _hash;

    /// <summary>Watches <paramref name="path"/>.</summary>
    public SolutionWatcher(string path)
    {
        _path = Path.GetFullPath(path);
        _hash = Hash();
        try
        {
            _watcher = new FileSystemWatcher(Path.GetDirectoryName(_path)!, Path.GetFileName(_path))
            {
                NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.FileName | NotifyFilters.CreationTime,
            };
            _watcher.Changed += (_, _) => Poke();
            _watcher.Created += (_, _) => Poke();
            _watcher.Renamed += (_, _) => Poke();
            _watcher.EnableRaisingEvents = true;
        }
        catch (Exception ex) when (ex is IOException or PlatformNotSupportedException or ArgumentException)
        {
            _watcher = null; // polling alone
        }
    }

    /// <summary>How often the file is polled when no notification arrives.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How long the content must be unchanged before a save counts (editors write in bursts).</summary>
    public TimeSpan Settle { get; init; } = TimeSpan.FromMilliseconds(30);

    /// <summary>Whether notifications are in use (otherwise polling only).</summary>
    public bool UsesNotifications => _watcher is not null;

    private void Poke()
    {
        if (_poke.CurrentCount == 0)
        {
            _poke.Release();
        }
    }

    /// <summary>Waits up to <paramref name="timeout"/> for a save that changed the content; true when one happened.</summary>
    public async Task<bool> WaitForChangeAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                return false;
            }
            await _poke.WaitAsync(left < PollInterval ? left : PollInterval, cancellationToken).ConfigureAwait(false);
            string now = Hash();
            if (now == _hash)
            {
                continue;
            }
            // Let the write finish: the content must stay the same for Settle.
            while (true)
            {
                await Task.Delay(Settle, cancellationToken).ConfigureAwait(false);
                string again = Hash();
                if (again == now)
                {
                    break;
                }
                now = again;
            }
            _hash = now;
            return true;
        }
    }

    private string Hash()
    {
        for (int attempt = 0; ; attempt++)
        {
            try
            {
                return File.Exists(_path) ? Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(_path))) : "";
            }
            catch (IOException) when (attempt < 5)
            {
                Thread.Sleep(10); // the editor still holds the file
            }
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _watcher?.Dispose();
        _poke.Dispose();
    }
}
