using Cross.Core.Engine;
using Cross.Frontends.Arm64.Tests.TestSupport;

namespace Cross.Frontends.Arm64.Tests.Encodings;

public class LoadStoreAtomicTests
{
    private const ulong Data = A64Machine.DataBase;

    /// <summary>LSE, LOR and RCpc instructions need a newer architecture than GNU as assumes by default.</summary>
    private const string Arch = "    .arch armv8.3-a\n";

    [Theory]
    [AllBackends]
    public void ExclusivePairSucceedsOnEverySize(string backend)
    {
        var m = new A64Machine(backend).Load("""
            ldxrb w2, [x1]
            add w2, w2, #1
            stxrb w10, w2, [x1]
            ldaxrh w3, [x14]
            stlxrh w11, wzr, [x14]
            ldxr w4, [x5]
            stxr w12, w6, [x5]
            ldaxr x7, [x8]
            stlxr w13, x9, [x8]
            """).SetX(1, Data).SetX(14, Data + 2).SetX(5, Data + 4).SetX(8, Data + 8).SetX(6, 0x6666_6666).SetX(9, 0x9999_9999_9999_9999)
            .Poke(Data, 8, 0x4444_4444_3333_22FF).Poke(Data + 8, 8, 0x0123_4567_89AB_CDEF).RunToBreak();
        Assert.Equal(0x100UL, m.X(2));
        Assert.Equal(0x3333UL, m.X(3));
        Assert.Equal(0x4444_4444UL, m.X(4));
        Assert.Equal(0x0123_4567_89AB_CDEFUL, m.X(7));
        Assert.Equal([0UL, 0UL, 0UL, 0UL], new[] { m.X(10), m.X(11), m.X(12), m.X(13) });
        // The byte store wrote only the low byte of w2.
        Assert.Equal(0x6666_6666_0000_2200UL, m.Read(Data, 8));
        Assert.Equal(0x9999_9999_9999_9999UL, m.Read(Data + 8, 8));
    }

    [Theory]
    [AllBackends]
    public void StoreExclusiveFailsAfterClrexOnAnotherAddressOrWithoutALoad(string backend)
    {
        var m = new A64Machine(backend).Load("""
            ldxr x2, [x1]
            clrex
            stxr w10, x9, [x1]
            ldxr x3, [x1]
            stxr w11, x9, [x5]
            stxr w12, x9, [x1]
            ldxr w4, [x1]
            stxr w13, x9, [x1]
            ldxr x6, [x1]
            stxr w14, x9, [x1]
            """).SetX(1, Data).SetX(5, Data + 8).SetX(9, 0x9999).Poke(Data, 8, 0x1234).Poke(Data + 8, 8, 0x5678).RunToBreak();
        Assert.Equal(1UL, m.X(10));
        // A store-exclusive to another address fails and clears the monitor, so the next one fails too.
        Assert.Equal(1UL, m.X(11));
        Assert.Equal(1UL, m.X(12));
        // Armed by a 4-byte load-exclusive, an 8-byte store-exclusive (CONSTRAINED UNPREDICTABLE)
        // succeeds as under qemu-aarch64: memory still holds the recorded (zero-extended) value.
        Assert.Equal(0UL, m.X(13));
        Assert.Equal(0UL, m.X(14));
        Assert.Equal(0x5678UL, m.Read(Data + 8, 8));
        Assert.Equal(0x9999UL, m.Read(Data, 8));
    }

    [Theory]
    [AllBackends]
    public void StoreExclusiveFailsWhenMemoryChangedSinceTheLoad(string backend)
    {
        var m = new A64Machine(backend).Load("""
            ldxr x2, [x1]
            str x3, [x1]
            stxr w10, x9, [x1]
            """).SetX(1, Data).SetX(3, 0x3333).SetX(9, 0x9999).Poke(Data, 8, 0x1111).RunToBreak();
        Assert.Equal(1UL, m.X(10));
        Assert.Equal(0x3333UL, m.Read(Data, 8));
    }

    [Theory]
    [AllBackends]
    public void ExclusivePairs(string backend)
    {
        var m = new A64Machine(backend).Load("""
            ldxp w2, w3, [x1]
            stxp w10, w3, w2, [x1]
            ldaxp x4, x5, [x6]
            stlxp w11, x5, x4, [x6]
            ldxp x7, x8, [x6]
            clrex
            stxp w12, xzr, xzr, [x6]
            """).SetX(1, Data).SetX(6, Data + 16)
            .Poke(Data, 8, 0x2222_2222_1111_1111).Poke(Data + 16, 8, 0xAAAA).Poke(Data + 24, 8, 0xBBBB).RunToBreak();
        Assert.Equal(0x1111_1111UL, m.X(2));
        Assert.Equal(0x2222_2222UL, m.X(3));
        Assert.Equal(0UL, m.X(10));
        Assert.Equal(0x1111_1111_2222_2222UL, m.Read(Data, 8));
        Assert.Equal(0xAAAAUL, m.X(4));
        Assert.Equal(0xBBBBUL, m.X(5));
        Assert.Equal(0UL, m.X(11));
        Assert.Equal(0xBBBBUL, m.Read(Data + 16, 8));
        Assert.Equal(0xAAAAUL, m.Read(Data + 24, 8));
        Assert.Equal(1UL, m.X(12));
        Assert.Equal(0xBBBBUL, m.Read(Data + 16, 8));
    }

    [Theory]
    [AllBackends]
    public void ExclusivesFaultWhenMisaligned(string backend)
    {
        var m = new A64Machine(backend).Load("ldxr w2, [x1]").SetX(1, Data + 2).SetX(2, 5);
        Assert.Equal(StopKind.MemoryFault, m.Run().Kind);
        Assert.Equal(5UL, m.X(2));

        // A pair of X registers needs 16-byte alignment.
        m = new A64Machine(backend).Load("stxp w3, x4, x5, [x1]").SetX(1, Data + 8).SetX(3, 7);
        Assert.Equal(StopKind.MemoryFault, m.Run().Kind);
        Assert.Equal(7UL, m.X(3));

        m = new A64Machine(backend).Load("ldar x2, [x1]").SetX(1, Data + 4);
        Assert.Equal(StopKind.MemoryFault, m.Run().Kind);
    }

    [Theory]
    [AllBackends]
    public void AcquireLoadsAndReleaseStores(string backend)
    {
        var m = new A64Machine(backend).Load(Arch + """
            ldarb w2, [x1]
            ldarh w3, [x1]
            ldar w4, [x1]
            ldar x5, [x1]
            ldapr w6, [x1]
            ldaprb w7, [x1]
            ldlar x8, [x1]
            stlrb w9, [x10]
            stlrh w9, [x12]
            stlr w9, [x13]
            stlr x9, [x11]
            stllr w9, [x14]
            """).SetX(1, Data).SetX(10, Data + 16).SetX(12, Data + 18).SetX(13, Data + 20).SetX(11, Data + 24).SetX(14, Data + 32)
            .SetX(9, 0x8877_6655_4433_2211)
            .Poke(Data, 8, 0xF0E0_D0C0_B0A0_9080).RunToBreak();
        Assert.Equal(0x80UL, m.X(2));
        Assert.Equal(0x9080UL, m.X(3));
        Assert.Equal(0xB0A0_9080UL, m.X(4));
        Assert.Equal(0xF0E0_D0C0_B0A0_9080UL, m.X(5));
        Assert.Equal(0xB0A0_9080UL, m.X(6));
        Assert.Equal(0x80UL, m.X(7));
        Assert.Equal(0xF0E0_D0C0_B0A0_9080UL, m.X(8));
        Assert.Equal(0x4433_2211_2211_0011UL, m.Read(Data + 16, 8));
        Assert.Equal(0x8877_6655_4433_2211UL, m.Read(Data + 24, 8));
        Assert.Equal(0x4433_2211UL, m.Read(Data + 32, 8));
    }

    [Theory]
    [AllBackends]
    public void CompareAndSwapOfEverySize(string backend)
    {
        var m = new A64Machine(backend).Load(Arch + """
            mov w2, #0x11
            casb w2, w3, [x1]
            mov w4, #0x99
            casab w4, w3, [x11]
            mov w5, #0x3344
            caslh w5, w3, [x6]
            mov w7, #0x1
            casal w7, w3, [x8]
            mov x9, #0x1234
            cas x9, x3, [x10]
            """).SetX(1, Data).SetX(11, Data + 1).SetX(6, Data + 2).SetX(8, Data + 4).SetX(10, Data + 8).SetX(3, 0xFFFF_FFFF_FFFF_FFFF)
            .Poke(Data, 8, 0x5555_5555_3344_2211).Poke(Data + 8, 8, 0x1234).RunToBreak();
        // Matched: swapped, Rs keeps the old value.
        Assert.Equal(0x11UL, m.X(2));
        // Not matched: memory unchanged, Rs receives the old value.
        Assert.Equal(0x22UL, m.X(4));
        Assert.Equal(0x3344UL, m.X(5));
        Assert.Equal(0x5555_5555UL, m.X(7));
        Assert.Equal(0x1234UL, m.X(9));
        Assert.Equal(0x5555_5555_FFFF_22FFUL, m.Read(Data, 8));
        Assert.Equal(ulong.MaxValue, m.Read(Data + 8, 8));
    }

    [Theory]
    [AllBackends]
    public void CompareAndSwapPairs(string backend)
    {
        var m = new A64Machine(backend).Load(Arch + """
            casp w2, w3, w4, w5, [x1]
            caspal x6, x7, x8, x9, [x10]
            caspa x12, x13, x8, x9, [x10]
            """).SetX(1, Data).SetX(2, 0x1111).SetX(3, 0x2222).SetX(4, 0xAAAA).SetX(5, 0xBBBB)
            .SetX(10, Data + 16).SetX(6, 0x6666).SetX(7, 0x7777).SetX(8, 0x8888).SetX(9, 0x9999).SetX(12, 0x6666).SetX(13, 0)
            .Poke(Data, 8, 0x0000_2222_0000_1111).Poke(Data + 16, 8, 0x6666).Poke(Data + 24, 8, 0x7777).RunToBreak();
        Assert.Equal(0x0000_BBBB_0000_AAAAUL, m.Read(Data, 8));
        Assert.Equal(0x1111UL, m.X(2));
        Assert.Equal(0x2222UL, m.X(3));
        Assert.Equal(0x8888UL, m.Read(Data + 16, 8));
        Assert.Equal(0x9999UL, m.Read(Data + 24, 8));
        Assert.Equal(0x6666UL, m.X(6));
        Assert.Equal(0x7777UL, m.X(7));
        // The second pair does not match (neither half): nothing changes, the old pair comes back.
        Assert.Equal(0x8888UL, m.X(12));
        Assert.Equal(0x9999UL, m.X(13));
    }

    [Theory]
    [AllBackends]
    public void CompareAndSwapPairWhoseHighHalfDiffersChangesNothing(string backend)
    {
        // The low half matches and is swapped first; the high half's mismatch must undo it.
        var m = new A64Machine(backend).Load(Arch + "casp x2, x3, x4, x5, [x1]")
            .SetX(1, Data).SetX(2, 0x1111).SetX(3, 0x2222).SetX(4, 0xAAAA).SetX(5, 0xBBBB)
            .Poke(Data, 8, 0x1111).Poke(Data + 8, 8, 0x3333).RunToBreak();
        Assert.Equal(0x1111UL, m.Read(Data, 8));
        Assert.Equal(0x3333UL, m.Read(Data + 8, 8));
        Assert.Equal(0x1111UL, m.X(2));
        Assert.Equal(0x3333UL, m.X(3));
    }

    [Theory]
    [AllBackends]
    public void AtomicMemoryOperationsReturnTheOldValue(string backend)
    {
        var m = new A64Machine(backend).Load(Arch + """
            ldadd x2, x3, [x1]
            ldclral x4, x5, [x23]
            ldeorb w6, w7, [x10]
            ldsetlh w6, w8, [x11]
            ldsmax w2, w9, [x12]
            ldsminal w2, w13, [x14]
            ldumaxa x6, x15, [x16]
            lduminl x6, x17, [x19]
            swpb w6, w20, [x21]
            stadd x2, [x22]
            """).SetX(1, Data).SetX(10, Data + 16).SetX(11, Data + 18).SetX(12, Data + 24).SetX(14, Data + 28)
            .SetX(16, Data + 32).SetX(19, Data + 40).SetX(21, Data + 48).SetX(22, Data + 56).SetX(23, Data + 8)
            .SetX(2, 5).SetX(4, 0xFF00).SetX(6, 0x8181)
            .Poke(Data, 8, 10).Poke(Data + 8, 8, 0xFFFF).Poke(Data + 16, 8, 0x0000_0000_F00F_00F0)
            .Poke(Data + 24, 8, 0xFFFF_FFFF_FFFF_FFFF).Poke(Data + 32, 8, 0x1000).Poke(Data + 40, 8, 0x1000)
            .Poke(Data + 48, 8, 0x4242).Poke(Data + 56, 8, 1).RunToBreak();
        Assert.Equal(10UL, m.X(3));
        Assert.Equal(15UL, m.Read(Data, 8));
        Assert.Equal(0xFFFFUL, m.X(5));
        Assert.Equal(0x00FFUL, m.Read(Data + 8, 8));
        Assert.Equal(0xF0UL, m.X(7));
        Assert.Equal(0x71UL, m.Read(Data + 16, 1));
        Assert.Equal(0xF00FUL, m.X(8));
        Assert.Equal(0xF18FUL, m.Read(Data + 18, 2));
        // Signed: max(-1, 5) = 5, min(-1, 5) = -1.
        Assert.Equal(0xFFFF_FFFFUL, m.X(9));
        Assert.Equal(5UL, m.Read(Data + 24, 4));
        Assert.Equal(0xFFFF_FFFFUL, m.X(13));
        Assert.Equal(0xFFFF_FFFFUL, m.Read(Data + 28, 4));
        Assert.Equal(0x1000UL, m.X(15));
        Assert.Equal(0x8181UL, m.Read(Data + 32, 8));
        Assert.Equal(0x1000UL, m.X(17));
        Assert.Equal(0x1000UL, m.Read(Data + 40, 8));
        Assert.Equal(0x42UL, m.X(20));
        Assert.Equal(0x4281UL, m.Read(Data + 48, 8));
        Assert.Equal(6UL, m.Read(Data + 56, 8));
    }

    [Theory]
    [AllBackends]
    public void AtomicsFaultWhenMisaligned(string backend)
    {
        var m = new A64Machine(backend).Load(Arch + "ldadd w2, w3, [x1]").SetX(1, Data + 1).SetX(3, 9);
        Assert.Equal(StopKind.MemoryFault, m.Run().Kind);
        Assert.Equal(9UL, m.X(3));
    }

    [Theory]
    [AllBackends]
    public async Task ExclusiveAndLseIncrementsFromTwoHostThreadsAreNotLost(string backend)
    {
        // Two guest CPUs on two host threads: each adds 1 to one counter 5000 times with an
        // LDAXR/STLXR retry loop, and 1 to another with LDADD. A lost update would show in the totals.
        const int iterations = 5000;
        var m = new A64Machine(backend).Load(Arch + $"""
            movz x3, #{iterations}
            1:  ldaxr x2, [x1]
            add x2, x2, #1
            stlxr w4, x2, [x1]
            cbnz w4, 1b
            ldaddal x6, x7, [x5]
            subs x3, x3, #1
            b.ne 1b
            """);
        var second = m.Engine.CreateContext(m.Memory);
        second.Pc = A64Machine.CodeBase;
        foreach (var context in new[] { m.Context, second })
        {
            context.State.Write64(Arm64State.X(1), Data);
            context.State.Write64(Arm64State.X(5), Data + 64);
            context.State.Write64(Arm64State.X(6), 1);
        }
        var stops = await Task.WhenAll(new[] { m.Context, second }
            .Select(context => Task.Run(() => m.Engine.Run(context, 10_000_000))));
        foreach (var stop in stops) Assert.Equal(Core.Ir.TrapKind.Breakpoint, stop.Trap);
        Assert.Equal((ulong)(2 * iterations), m.Read(Data, 8));
        Assert.Equal((ulong)(2 * iterations), m.Read(Data + 64, 8));
    }
}
