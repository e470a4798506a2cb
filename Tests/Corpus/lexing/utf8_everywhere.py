# 中文注释：计算二维互相关
def 加一(x):
    """返回 x + 1（文档字符串也可以是中文）"""
    return x + 1
s = "卷积神经网络"
print(s)  # expect: 卷积神经网络
print(len(s))  # expect: 6
print(加一(1))  # expect: 2
print(加一.__doc__)  # expect: 返回 x + 1（文档字符串也可以是中文）
print(s[2:])  # expect: 神经网络
print(repr('é'))  # expect: 'é'
