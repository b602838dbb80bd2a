package dev.latentstudio.engine.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

class BenchTest {

    @Test
    void conv10MapsAnImageTo128Features() {
        assertArrayEquals(new long[] {1, 128},
                Bench.conv10(1).output(Nd4j.rand(DataType.FLOAT, 1, 3, 112, 112), false).shape());
    }
}
