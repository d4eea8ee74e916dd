using System.Buffers;

namespace Vigil.Server.Hosting;

/// <summary>
/// A request body: the first <see cref="Length"/> bytes of <see cref="Array"/>, which is either the body's own array
/// or one rented from <see cref="ArrayPool{T}.Shared"/>. <see cref="Dispose"/> gives a rented array back; nothing may
/// read the body after that.
/// </summary>
internal sealed class PooledBody : IDisposable
{
    private byte[]? _rented;

    /// <summary>A body that owns its whole array (not pooled).</summary>
    public PooledBody(byte[] array)
        : this(array, array.Length, rented: false)
    {
    }

    /// <summary>A body in the first <paramref name="length"/> bytes of an array rented from the shared pool.</summary>
    public PooledBody(byte[] rented, int length)
        : this(rented, length, rented: true)
    {
    }

    private PooledBody(byte[] array, int length, bool rented)
    {
        Array = array;
        Length = length;
        _rented = rented ? array : null;
    }

    public byte[] Array { get; }

    public int Length { get; private set; }

    public ReadOnlyMemory<byte> Memory => Array.AsMemory(0, Length);

    /// <summary>The body ended early (the client sent less than it declared): keeps the first <paramref name="length"/> bytes.</summary>
    public PooledBody Truncate(int length)
    {
        if (_rented is null)
        {
            return new PooledBody(Array[..length]);
        }
        Length = length;
        return this;
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _rented, null) is { } rented)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
