package siteops.fleet;

import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Ctrl-C while commands run: the first one asks for a cancel (the run then reports what SSM stopped), a second one
 * ends the process at once. Uses the JDK's sun.misc.Signal (module jdk.unsupported) reflectively, so the build has no
 * internal-API warning; if it is missing, Ctrl-C keeps its default effect of ending the JVM.
 */
final class CtrlC {
    private CtrlC() {}

    static void onInterrupt(Runnable firstPress) {
        AtomicInteger presses = new AtomicInteger();
        try {
            Class<?> signal = Class.forName("sun.misc.Signal");
            Class<?> handlerType = Class.forName("sun.misc.SignalHandler");
            Object handler = Proxy.newProxyInstance(handlerType.getClassLoader(), new Class<?>[] {handlerType}, (proxy, method, args) -> {
                switch (method.getName()) {
                    case "handle" -> {
                        if (presses.incrementAndGet() == 1) {
                            firstPress.run();
                        } else {
                            Runtime.getRuntime().halt(130);
                        }
                        return null;
                    }
                    case "hashCode" -> {
                        return System.identityHashCode(proxy);
                    }
                    case "equals" -> {
                        return proxy == args[0];
                    }
                    default -> {
                        return "fleet Ctrl-C handler";
                    }
                }
            });
            signal.getMethod("handle", signal, handlerType).invoke(null, signal.getConstructor(String.class).newInstance("INT"), handler);
        } catch (ReflectiveOperationException | RuntimeException e) {
            // No signal API: the default (the JVM ends, SSM finishes the command) stays in effect.
        }
    }
}
