using System.Runtime.CompilerServices;
using System.Numerics;
using System.Runtime.InteropServices;

namespace SdnController.Paths.Algorithms;

/// <summary>SIMD helpers for whole distance rows. Element results equal the scalar expressions exactly.</summary>
internal static class RowOps
{
    /// <summary>dst[i] = min(oa + a[i], ob + b[i]).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void MinOfOffsets(double oa, ReadOnlySpan<double> a, double ob, ReadOnlySpan<double> b, Span<double> dst)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated && dst.Length >= Vector<double>.Count)
        {
            var va = MemoryMarshal.Cast<double, Vector<double>>(a[..dst.Length]);
            var vb = MemoryMarshal.Cast<double, Vector<double>>(b[..dst.Length]);
            var vd = MemoryMarshal.Cast<double, Vector<double>>(dst);
            var oav = new Vector<double>(oa);
            var obv = new Vector<double>(ob);
            for (var j = 0; j < vd.Length; j++) vd[j] = Vector.Min(oav + va[j], obv + vb[j]);
            i = vd.Length * Vector<double>.Count;
        }
        for (; i < dst.Length; i++)
        {
            var x = oa + a[i];
            var y = ob + b[i];
            dst[i] = y < x ? y : x;
        }
    }

    /// <summary>dst[i] = offset + src[i].</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AddOffset(double offset, ReadOnlySpan<double> src, Span<double> dst)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated && dst.Length >= Vector<double>.Count)
        {
            var vs = MemoryMarshal.Cast<double, Vector<double>>(src[..dst.Length]);
            var vd = MemoryMarshal.Cast<double, Vector<double>>(dst);
            var ov = new Vector<double>(offset);
            for (var j = 0; j < vd.Length; j++) vd[j] = ov + vs[j];
            i = vd.Length * Vector<double>.Count;
        }
        for (; i < dst.Length; i++) dst[i] = offset + src[i];
    }

    /// <summary>dst[i] = min(dst[i], offset + src[i]).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void MinWithOffset(double offset, ReadOnlySpan<double> src, Span<double> dst)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated && dst.Length >= Vector<double>.Count)
        {
            var vs = MemoryMarshal.Cast<double, Vector<double>>(src[..dst.Length]);
            var vd = MemoryMarshal.Cast<double, Vector<double>>(dst);
            var ov = new Vector<double>(offset);
            for (var j = 0; j < vd.Length; j++) vd[j] = Vector.Min(vd[j], ov + vs[j]);
            i = vd.Length * Vector<double>.Count;
        }
        for (; i < dst.Length; i++)
        {
            var d = offset + src[i];
            if (d < dst[i]) dst[i] = d;
        }
    }
}
